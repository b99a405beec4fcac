// A model written by hand, recorded in the manifest's history: the record is validated, its
// fragment is appended to schema.prisma as `prisma format` lays blocks out, and the entity
// history ignores it.
import { format } from "@prisma/prisma-schema-wasm";
import { describe, expect, it } from "vitest";
import { currentEntities } from "../../../generators/src/entity/manifest-entry.js";
import { appendModelFragment } from "../../../generators/src/model/model-step.js";
import { parseManifest } from "../../../generators/src/shared/manifest.js";

const schema = `datasource db {
  provider = "postgresql"
}

model Customer {
  id   String @id @default(uuid()) @db.Uuid
  name String @db.VarChar(255)
}
`;

const fragment = `/// Keys of hand-written code.
model Key {
  scope String @db.VarChar(255)
  key   String @db.VarChar(255)

  @@id([scope, key])
}

enum KeyStatus {
  OPEN
  DONE
}
`;

const prismaFormat = (text: string): string =>
  format(text, JSON.stringify({ textDocument: { uri: "file:/schema.prisma" }, options: { tabSize: 2, insertSpaces: true } }));

describe("appending a model fragment", () => {
  it("puts its blocks after the schema's, one blank line apart, as prisma format writes them", () => {
    const after = appendModelFragment(schema, fragment, "prisma/models/key.prisma");
    expect(after).toBe(`${schema}\n${fragment}`);
    expect(prismaFormat(after)).toBe(after);
  });

  it("refuses a fragment without a model", () => {
    expect(() => appendModelFragment(schema, "enum Lonely {\n  A\n}\n", "prisma/models/x.prisma")).toThrow(
      "prisma/models/x.prisma declares no model.",
    );
  });

  it("refuses a fragment with a generator or datasource block", () => {
    expect(() => appendModelFragment(schema, `${fragment}\ndatasource other {\n  provider = "postgresql"\n}\n`, "f.prisma")).toThrow(
      "f.prisma may hold models and enums only",
    );
  });

  it("refuses a block that schema.prisma already has", () => {
    const twice = appendModelFragment(schema, fragment, "prisma/models/key.prisma");
    expect(() => appendModelFragment(twice, fragment, "prisma/models/key.prisma")).toThrow(
      "prisma/models/key.prisma: schema.prisma already has Key, KeyStatus.",
    );
  });
});

describe("a model record in the manifest", () => {
  const manifest = (record: Record<string, unknown>) =>
    JSON.stringify({
      generator: "create-layered-service",
      version: "0.1.0",
      project: { name: "shop", db: "pglite" },
      entities: [{ name: "Customer", fields: "name:string", migration: "20260101000000_create_customer" }, record],
    });
  const record = { action: "model", name: "Key", schema: "prisma/models/key.prisma", migration: "20260102000000_create_key" };

  it("is read with its fragment and migration, and is no entity", () => {
    const parsed = parseManifest(manifest(record), "layered-service.json");
    expect(parsed.entities[1]).toEqual(record);
    expect(currentEntities(parsed).map((entity) => entity.names.pascal)).toEqual(["Customer"]);
  });

  it("needs its fragment, and has no fields", () => {
    const { schema: _schema, ...withoutSchema } = record;
    expect(() => parseManifest(manifest(withoutSchema), "layered-service.json")).toThrow("entities.1.schema: required for a model record");
    expect(() => parseManifest(manifest({ ...record, fields: "name:string" }), "layered-service.json")).toThrow(
      "entities.1.fields: a model record has no fields",
    );
  });

  it("is the only record with a fragment", () => {
    const entity = { name: "Order", fields: "total:int", migration: "20260103000000_create_order", schema: "x.prisma" };
    expect(() => parseManifest(manifest(entity), "layered-service.json")).toThrow("entities.1.schema: only a model record has a schema fragment");
  });
});
