// The reference app's hand-written models: each one's committed migration is exactly what
// `prisma migrate dev` writes for appending its fragment to schema.prisma, as Prisma's own engine
// computes it. (migrations-apply.prisma.test.ts checks that the whole history finds no drift.)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrationFile, schemaPath } from "../../../generators/src/model/model-step.js";
import { readManifest, type ModelRecord } from "../../../generators/src/shared/manifest.js";
import { closePrismaEngine, prismaMigrationSql } from "../../support/prisma-engine.js";

const referenceDir = path.resolve(import.meta.dirname, "..", "..", "..", "reference-app");

describe("the reference app's hand-written models", () => {
  afterAll(closePrismaEngine);

  it("have Prisma's own migration for their fragment", async () => {
    const manifest = await readManifest(referenceDir);
    const models = manifest.entities.filter((record): record is ModelRecord => record.action === "model");
    expect(models.map((record) => record.name)).toEqual(expect.arrayContaining(["IdempotencyKey", "Saga"]));
    const schema = await readFile(path.join(referenceDir, schemaPath), "utf8");
    for (const record of models) {
      const fragment = (await readFile(path.join(referenceDir, record.schema), "utf8")).trim();
      const appended = `\n\n${fragment}\n`;
      expect(schema.split(appended).length, `${record.schema} appears once in schema.prisma`).toBe(2);
      const before = schema.replace(appended, "\n");
      const committed = await readFile(path.join(referenceDir, migrationFile(record.migration)), "utf8");
      expect(committed, record.migration).toBe(await prismaMigrationSql(before, schema));
    }
  });
});
