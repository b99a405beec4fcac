// The migrations the generator writes, applied in order to a fresh database, must build exactly
// the database that the Prisma schema describes: Prisma's engine replays them and finds no drift.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrationDirName, renderCreateMigration } from "../../../generators/src/entity/migration-sql.js";
import { entityCases } from "../../support/entity-matrix.js";
import { closePrismaEngine, prismaDriftSql } from "../../support/prisma-engine.js";

const noDrift = "-- This is an empty migration.";

describe("generated migrations applied to a fresh database", () => {
  afterAll(closePrismaEngine);

  it("build the database of the final schema, for the whole entity matrix", async () => {
    const cases = entityCases();
    const start = Date.UTC(2026, 0, 1);
    const migrations = cases.map((entityCase, index) => ({
      name: migrationDirName(entityCase.entity, new Date(start + index * 1000)),
      sql: renderCreateMigration(entityCase.entity, entityCase.fields),
    }));
    const finalSchema = cases.at(-1)?.after ?? "";
    expect((await prismaDriftSql(migrations, finalSchema)).trim()).toBe(noDrift);
  });

  it("would be caught if they left a column out: the check is not blind", async () => {
    const cases = entityCases().slice(0, 1);
    const [first] = cases;
    if (first === undefined) throw new Error("the matrix is empty");
    const sql = renderCreateMigration(first.entity, first.fields).replace(/\n\s+"notes" TEXT,/, "");
    const drift = await prismaDriftSql([{ name: "20260101000000_create_customer", sql }], first.after);
    expect(drift).toContain('ADD COLUMN     "notes" TEXT');
  });

  it("build the reference app's database from its committed migrations", async () => {
    const projectDir = path.resolve(import.meta.dirname, "..", "..", "..", "reference-app");
    const migrationsDir = path.join(projectDir, "prisma", "migrations");
    const names = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const migrations = await Promise.all(
      names.map(async (name) => ({ name, sql: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") })),
    );
    const schema = await readFile(path.join(projectDir, "prisma", "schema.prisma"), "utf8");
    expect(migrations.length).toBeGreaterThan(0);
    expect((await prismaDriftSql(migrations, schema)).trim()).toBe(noDrift);
  });
});
