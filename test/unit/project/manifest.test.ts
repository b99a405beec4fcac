// The manifest (layered-service.json) is validated when it is read: a damaged or hand-edited one is
// refused with one line that names the file and every bad field, before any generator acts on it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planFromAnswers } from "../../../generators/src/entity/add-entity.js";
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
    expect(parseManifest(JSON.stringify(manifest), "layered-service.json").entities[0]?.plural).toBe("customerz");
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
