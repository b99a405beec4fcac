import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  databaseKinds,
  freshDatabase,
  type FreshDatabase,
} from "../../../test/support/database.js";
import type { Database } from "./database.js";
import { checksum, migrate, migrationStatus, MigrationError } from "./migrator.js";

async function writeMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

const first = `-- CreateTable\nCREATE TABLE "Note" ("id" UUID NOT NULL, CONSTRAINT "Note_pkey" PRIMARY KEY ("id"));\n`;
const second = `-- AlterTable\nALTER TABLE "Note" ADD COLUMN "body" TEXT;\n`;

describe.each(databaseKinds)("the migrator on $kind", ({ kind, skip }) => {
  let dir: string;
  let fresh: FreshDatabase;
  let database: Database;

  beforeEach(async ({ skip: skipTest }) => {
    if (skip !== false) skipTest(skip);
    dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    fresh = await freshDatabase(kind);
    database = fresh.database;
  });

  afterEach(async () => {
    if (skip !== false) return;
    await fresh.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const tables = () =>
    database.withSession((s) =>
      s.query<{ tablename: string }>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      ),
    );
  const records = () =>
    database.withSession((s) =>
      s.query<{
        migration_name: string;
        checksum: string;
        applied_steps_count: number;
        finished_at: Date | null;
      }>(
        `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );

  it("applies pending migrations in name order and records them as Prisma does", async () => {
    await writeMigration(dir, "20260102000000_add_body", second);
    await writeMigration(dir, "20260101000000_create_note", first);

    const result = await database.withSession((s) => migrate(s, dir));

    expect(result.applied).toEqual(["20260101000000_create_note", "20260102000000_add_body"]);
    const rows = await records();
    expect(rows.map((row) => row.migration_name)).toEqual(result.applied);
    expect(rows[0]?.checksum).toBe(checksum(first));
    expect(rows.every((row) => row.applied_steps_count === 1 && row.finished_at !== null)).toBe(
      true,
    );
    expect((await tables()).map((t) => t.tablename)).toEqual(["Note", "_prisma_migrations"]);
  });

  it("applies nothing the second time", async () => {
    await writeMigration(dir, "20260101000000_create_note", first);
    await database.withSession((s) => migrate(s, dir));
    const again = await database.withSession((s) => migrate(s, dir));
    expect(again.applied).toEqual([]);
    expect(await records()).toHaveLength(1);
  });

  it("refuses to run when an applied migration's file has changed, and applies nothing", async () => {
    await writeMigration(dir, "20260101000000_create_note", first);
    await database.withSession((s) => migrate(s, dir));
    await writeMigration(dir, "20260101000000_create_note", `${first}-- edited\n`);
    await writeMigration(dir, "20260102000000_add_body", second);

    await expect(database.withSession((s) => migrate(s, dir))).rejects.toThrow(
      /Migration 20260101000000_create_note was modified after it was applied/,
    );
    expect(await records()).toHaveLength(1);
    const status = await database.withSession((s) => migrationStatus(s, dir));
    expect(status.modified).toEqual(["20260101000000_create_note"]);
    expect(status.pending).toEqual(["20260102000000_add_body"]);
  });

  it("rolls back a failing migration completely and records nothing for it", async () => {
    await writeMigration(dir, "20260101000000_create_note", first);
    await writeMigration(
      dir,
      "20260102000000_broken",
      `CREATE TABLE "Half" ("id" INT);\nSELECT * FROM "Missing";\n`,
    );

    await expect(database.withSession((s) => migrate(s, dir))).rejects.toThrow(MigrationError);

    expect((await records()).map((row) => row.migration_name)).toEqual([
      "20260101000000_create_note",
    ]);
    expect((await tables()).map((t) => t.tablename)).not.toContain("Half");
  });

  it("lists applied and pending migrations", async () => {
    await writeMigration(dir, "20260101000000_create_note", first);
    await database.withSession((s) => migrate(s, dir));
    await writeMigration(dir, "20260102000000_add_body", second);

    const status = await database.withSession((s) => migrationStatus(s, dir));
    expect(status).toMatchObject({
      applied: ["20260101000000_create_note"],
      pending: ["20260102000000_add_body"],
      modified: [],
      failed: [],
    });
  });

  it("applies each migration once when several boots migrate at the same time", async () => {
    await writeMigration(dir, "20260101000000_create_note", first);
    await writeMigration(dir, "20260102000000_add_body", second);
    // On PostgreSQL each boot has its own connection pool; PGlite has one session per process.
    const others = await Promise.all([fresh.connectAgain(), fresh.connectAgain()]);

    const results = await Promise.all(
      [database, ...others].map((db) => db.withSession((s) => migrate(s, dir))),
    );

    expect(results.flatMap((r) => r.applied).sort()).toEqual([
      "20260101000000_create_note",
      "20260102000000_add_body",
    ]);
    expect(await records()).toHaveLength(2);
  });
});
