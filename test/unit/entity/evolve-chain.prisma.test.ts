// A project's whole history (entities created, changed step by step, one destroyed) against
// Prisma's engine: each migration is what `prisma migrate dev` writes on top of the ones before it,
// and the chain replayed on a fresh database builds exactly the final schema.
import { afterAll, describe, expect, it } from "vitest";
import { chainMigrations } from "../../support/evolve-chain.js";
import { closePrismaEngine, prismaDriftSql, prismaNextMigrationSql } from "../../support/prisma-engine.js";
import { prismaFormatInProcess } from "../../support/prisma-format-wasm.js";

const noDrift = "-- This is an empty migration.";
const chain = chainMigrations();

afterAll(closePrismaEngine);

describe("a chain of entity changes compared with Prisma's schema engine", () => {
  it.each(chain.map((migration, index) => [migration.step.about, index] as const))(
    "writes what prisma migrate dev writes, on top of the history, when the next step %s",
    async (_about, index) => {
      const migration = chain[index];
      if (migration === undefined) throw new Error("no such step");
      expect(prismaFormatInProcess(migration.schema)).toBe(migration.schema);
      const history = chain.slice(0, index).map(({ name, sql }) => ({ name, sql }));
      expect(migration.sql).toBe(await prismaNextMigrationSql(history, migration.schema));
    },
  );

  it("builds the final schema's database when replayed on a fresh one", async () => {
    const migrations = chain.map(({ name, sql }) => ({ name, sql }));
    expect((await prismaDriftSql(migrations, chain.at(-1)?.schema ?? "")).trim()).toBe(noDrift);
  });
});
