import { afterAll, describe, expect, it } from "vitest";
import { renderCreateMigration } from "../../../generators/src/entity/migration-sql.js";
import { entityCases } from "../../support/entity-matrix.js";
import { closePrismaEngine, prismaMigrationSql } from "../../support/prisma-engine.js";

// Prisma's script ends in one newline, the CLI's output in more; the file content is what counts.
const trimEnd = (text: string): string => text.replace(/\s+$/, "");

describe("renderCreateMigration compared with Prisma's schema engine", () => {
  afterAll(closePrismaEngine);

  it.each(entityCases().map((entityCase) => [entityCase.entity.pascal, entityCase] as const))(
    "writes what prisma migrate dev writes when %s is added",
    async (_name, entityCase) => {
      const prisma = await prismaMigrationSql(entityCase.before, entityCase.after);
      expect(prisma).toContain(`CREATE TABLE "${entityCase.entity.pascal}"`);
      expect(trimEnd(renderCreateMigration(entityCase.entity, entityCase.fields))).toBe(trimEnd(prisma));
    },
  );

  it("writes what prisma migrate dev writes for the first migration of a project", async () => {
    const [first] = entityCases();
    if (first === undefined) throw new Error("the matrix is empty");
    const prisma = await prismaMigrationSql(null, first.after);
    expect(renderCreateMigration(first.entity, first.fields)).toBe(prisma);
  });
});
