// The manifest (layered-service.json) is validated when it is read: a damaged or hand-edited one is
// refused with one line that names the file and every bad field, before any generator acts on it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planFromAnswers } from "../../../generators/src/entity/add-entity.js";
import { currentEntities, recordedEntity } from "../../../generators/src/entity/manifest-entry.js";
import { GeneratorError } from "../../../generators/src/errors.js";
import { manifestFileName, parseManifest, readManifest } from "../../../generators/src/shared/manifest.js";

const valid = {
  generator: "create-layered-service",
  version: "0.1.0",
  project: { name: "shop", db: "pglite" },
  entities: [{ name: "Customer", fields: "name:string", migration: "20260101000000_create_customer" }],
};

describe("parseManifest", () => {
  it("returns a valid manifest as it is", () => {
    expect(parseManifest(JSON.stringify(valid), "layered-service.json")).toEqual(valid);
  });

  it("keeps an entity's plural when one was given", () => {
    const manifest = { ...valid, entities: [{ ...valid.entities[0], plural: "customerz" }] };
    expect(parseManifest(JSON.stringify(manifest), "layered-service.json").entities[0]).toMatchObject({ plural: "customerz" });
  });

  it("refuses text that is not JSON, in one line that names the file", () => {
    const parse = () => parseManifest("{ not json", "/work/shop/layered-service.json");
    expect(parse).toThrow(GeneratorError);
    expect(parse).toThrow(/^Invalid \/work\/shop\/layered-service\.json: not JSON \([^\n]*\)$/);
  });

  it("names every bad field at once, by its path", () => {
    const manifest = {
      ...valid,
      project: { name: "shop", db: "mysql" },
      entities: [{ name: "Customer", fields: 3, migration: "20260101000000_create_customer" }, { fields: "" }],
    };
    const parse = () => parseManifest(JSON.stringify(manifest), "layered-service.json");
    expect(parse).toThrow(GeneratorError);
    expect(parse).toThrow(/^Invalid layered-service\.json: project\.db: [^;]+; entities\.0\.fields: [^;]+; entities\.1\.name: [^;]+; entities\.1\.migration: [^;\n]+$/);
  });

  it("refuses a manifest without entities", () => {
    const { entities: _entities, ...withoutEntities } = valid;
    expect(() => parseManifest(JSON.stringify(withoutEntities), "layered-service.json")).toThrow(
      /^Invalid layered-service\.json: entities: /,
    );
  });
});

describe("the entity history", () => {
  const history = {
    ...valid,
    entities: [
      { name: "Customer", fields: "name:string", migration: "20260101000000_create_customer" },
      { name: "Order", fields: "customer:references", migration: "20260101000001_create_order" },
      { action: "change", name: "Customer", fields: "name:string email:string?", migration: "20260102000000_change_customer" },
      { action: "create", name: "Cactus", plural: "cactuses", fields: "height:float", migration: "20260102000001_create_cactus" },
      { action: "destroy", name: "Order", migration: "20260103000000_drop_order" },
      { action: "change", name: "Customer", fields: "name:string email:string", migration: "20260103000001_change_customer" },
    ],
  };

  it("reads a manifest of create records without an action, as every manifest was written before changes", () => {
    expect(parseManifest(JSON.stringify(valid), "layered-service.json").entities[0]).toEqual(valid.entities[0]);
  });

  it("reads change and destroy records as they were written", () => {
    expect(parseManifest(JSON.stringify(history), "layered-service.json").entities).toEqual(history.entities);
  });

  it("gives each standing entity the fields of its latest create or change record, in creation order", () => {
    const manifest = parseManifest(JSON.stringify(history), "layered-service.json");
    expect(currentEntities(manifest).map((entity) => [entity.names.pascal, entity.current.fields])).toEqual([
      ["Customer", "name:string email:string"],
      ["Cactus", "height:float"],
    ]);
  });

  it("keeps the names an entity was created with, its plural included", () => {
    const manifest = parseManifest(JSON.stringify(history), "layered-service.json");
    expect(recordedEntity(manifest, "Cactus")?.names.pluralWords).toBe("cactuses");
    expect(recordedEntity(manifest, "Order")).toBeUndefined();
  });

  it("knows an entity created again after it was destroyed, with its new fields", () => {
    const recreated = {
      ...history,
      entities: [...history.entities, { name: "Order", fields: "total:int", migration: "20260104000000_create_order" }],
    };
    const manifest = parseManifest(JSON.stringify(recreated), "layered-service.json");
    expect(recordedEntity(manifest, "Order")?.current.fields).toBe("total:int");
  });

  it("refuses a change record without fields and a destroy record with fields, naming each", () => {
    const manifest = {
      ...valid,
      entities: [
        { action: "change", name: "Customer", migration: "20260102000000_change_customer" },
        { action: "destroy", name: "Customer", fields: "name:string", migration: "20260103000000_drop_customer" },
        { action: "rename", name: "Customer", fields: "name:string", migration: "20260103000000_rename_customer" },
      ],
    };
    expect(() => parseManifest(JSON.stringify(manifest), "layered-service.json")).toThrow(
      /^Invalid layered-service\.json: entities\.0\.fields: required for a change record; entities\.1\.fields: a destroy record has no fields; entities\.2\.action: [^;\n]+$/,
    );
  });
});

describe("reading a project's manifest", () => {
  let project: string;

  beforeEach(async () => {
    project = await mkdtemp(path.join(tmpdir(), "cls-manifest-"));
  });

  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it("validates it when replaying a project", async () => {
    await writeFile(path.join(project, manifestFileName), JSON.stringify({ ...valid, entities: "none" }));
    await expect(readManifest(project)).rejects.toThrow(
      `Invalid ${path.join(project, manifestFileName)}: entities: Invalid input: expected array, received string`,
    );
  });

  it("validates it before plop entity plans anything", async () => {
    await writeFile(path.join(project, manifestFileName), JSON.stringify({ ...valid, project: { name: "shop" } }));
    expect(() => planFromAnswers(project, { name: "Order", fields: "total:int" }, new Date())).toThrow(
      /^Invalid .*layered-service\.json: project\.db: /,
    );
  });
});
