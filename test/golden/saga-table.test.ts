// The reference app's saga table is not an entity: its model and migration are written by hand in
// the platform, beside the runner that uses it. They must agree as Prisma's engine sees them, so
// that recording them in a project's schema.prisma and migrations leaves no drift.
import { describe, expect, it } from "vitest";
import { sagaMigrationSql, sagaPrismaModel } from "../../reference-app/src/platform/saga/saga-table.js";
import { prismaMigrationSql } from "../support/prisma-engine.js";

describe("the saga table of the reference app", () => {
  it("is created by exactly the SQL that prisma migrate dev writes for its model", async () => {
    const schema = `datasource db {\n  provider = "postgresql"\n}\n\n${sagaPrismaModel}`;

    expect(await prismaMigrationSql(null, schema)).toBe(sagaMigrationSql);
  }, 60_000);
});
