/**
 * A model that is not an entity, recorded in the manifest's history (`"action": "model"`): a
 * hand-written schema fragment (`prisma/models/<name>.prisma`, one or more model and enum blocks as
 * `prisma format` lays them out) appended to schema.prisma at that point of the history, and a
 * hand-written migration, Prisma's own SQL for that schema edit. `plop model` records one; the replay
 * repeats it.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { appendEntityRecord } from "../entity/manifest-entry.js";
import { listBlocks } from "../entity/schema-text.js";
import type { FileChange } from "../entity/plan.js";
import { GeneratorError } from "../errors.js";
import { manifestFileName, type ModelRecord } from "../shared/manifest.js";

export const schemaPath = "prisma/schema.prisma";

export function migrationFile(migration: string): string {
  return `prisma/migrations/${migration}/migration.sql`;
}

/** The blocks a fragment declares, by kind; `where` names the fragment in the one-line error. */
export function fragmentBlocks(fragment: string, where: string): { models: string[]; enums: string[] } {
  const models = listBlocks(fragment, "model");
  const enums = listBlocks(fragment, "enum");
  if (models.length === 0) throw new GeneratorError(`${where} declares no model.`);
  if (/^\s*(generator|datasource)\s+\w+\s*\{/m.test(fragment)) {
    throw new GeneratorError(`${where} may hold models and enums only; the generator and datasource stay in schema.prisma.`);
  }
  return { models, enums };
}

/**
 * schema.prisma with the fragment's blocks after its own, one blank line apart, as `plop entity`
 * appends an entity's model. A block name schema.prisma already has is refused.
 */
export function appendModelFragment(schemaText: string, fragment: string, where: string): string {
  const { models, enums } = fragmentBlocks(fragment, where);
  const taken = [...listBlocks(schemaText, "model"), ...listBlocks(schemaText, "enum")];
  const clashes = [...models, ...enums].filter((name) => taken.includes(name));
  if (clashes.length > 0) throw new GeneratorError(`${where}: schema.prisma already has ${clashes.join(", ")}.`);
  const existing = schemaText.replace(/\s+$/, "");
  return `${existing === "" ? "" : `${existing}\n\n`}${fragment.trim()}\n`;
}

/**
 * The replay of a model record into `projectDir`: the fragment and the migration are read from
 * `sourceDir`, the project whose history this is (they are hand-written, not rendered).
 */
export function replayModel(sourceDir: string, projectDir: string, record: ModelRecord): FileChange[] {
  const read = (file: string): string => {
    const full = path.join(sourceDir, file);
    if (!existsSync(full)) throw new GeneratorError(`The model record of ${record.name} names ${file}, which ${sourceDir} does not have.`);
    return readFileSync(full, "utf8");
  };
  const schemaBefore = readFileSync(path.join(projectDir, schemaPath), "utf8");
  const manifestBefore = readFileSync(path.join(projectDir, manifestFileName), "utf8");
  const migration = migrationFile(record.migration);
  return [
    { path: schemaPath, before: schemaBefore, after: appendModelFragment(schemaBefore, read(record.schema), record.schema) },
    { path: migration, before: undefined, after: read(migration) },
    { path: manifestFileName, before: manifestBefore, after: appendEntityRecord(manifestBefore, record) },
  ];
}
