/**
 * The manifest every generated project carries (`layered-service.json`): how the project was made
 * and, in order, the history of its entities: each one created, changed or destroyed by a
 * generator, with the migration that step wrote, and the models written by hand that are not
 * entities (a `model` record: its schema fragment and its migration, both hand-written). Replaying it reproduces the project's generated
 * files; the reference app's golden test and `npm run reference:sync` rely on that.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import { GeneratorError } from "../errors.js";
import { parseJsonFile } from "./json-file.js";
import { databases } from "./choices.js";

export const manifestFileName = "layered-service.json";

export const entityActions = ["create", "change", "destroy", "model"] as const;
export type EntityAction = (typeof entityActions)[number];

const entityRecordSchema = z
  .object({
    /** What the step did; absent means "create", the only step manifests knew at first. */
    action: z.enum(entityActions).optional(),
    name: z.string().min(1),
    /** The entity's full field list after the step; a destroy record has none. */
    fields: z.string().optional(),
    plural: z.string().min(1).optional(),
    /** A model record's schema fragment, relative to the project: `prisma/models/<name>.prisma`. */
    schema: z.string().min(1).optional(),
    /** The migration directory it wrote, e.g. `20260101120000_create_product`. */
    migration: z.string().min(1),
  })
  .superRefine((record, context) => {
    if (record.action === "model") {
      if (record.schema === undefined) context.addIssue({ code: "custom", path: ["schema"], message: "required for a model record" });
      for (const key of ["fields", "plural"] as const) {
        if (record[key] !== undefined) context.addIssue({ code: "custom", path: [key], message: `a model record has no ${key}` });
      }
      return;
    }
    if (record.schema !== undefined) {
      context.addIssue({ code: "custom", path: ["schema"], message: `only a model record has a schema fragment` });
    }
    const destroys = record.action === "destroy";
    if (!destroys && record.fields === undefined) {
      context.addIssue({ code: "custom", path: ["fields"], message: `required for a ${record.action ?? "create"} record` });
    }
    if (destroys && record.fields !== undefined) {
      context.addIssue({ code: "custom", path: ["fields"], message: "a destroy record has no fields" });
    }
  });

const manifestSchema = z.object({
  generator: z.string(),
  version: z.string(),
  project: z.object({ name: z.string().min(1), db: z.enum(databases) }),
  entities: z.array(entityRecordSchema),
});

interface RecordBase {
  readonly name: string;
  readonly plural?: string;
  readonly migration: string;
}
/** An entity made by `plop entity`; `action` is left out when the record is written. */
export interface CreateRecord extends RecordBase {
  readonly action?: "create";
  readonly fields: string;
}
/** A change of an entity's fields: `fields` is the new full list. */
export interface ChangeRecord extends RecordBase {
  readonly action: "change";
  readonly fields: string;
}
export interface DestroyRecord extends RecordBase {
  readonly action: "destroy";
}
export type EntityRecord = CreateRecord | ChangeRecord | DestroyRecord;
/**
 * A model that is not an entity (a table of hand-written code): its blocks are the schema fragment,
 * appended to schema.prisma at this point of the history, and its migration is hand-written too.
 */
export interface ModelRecord {
  readonly action: "model";
  /** The fragment's main model, for people reading the history. */
  readonly name: string;
  readonly schema: string;
  readonly migration: string;
}
export type HistoryRecord = EntityRecord | ModelRecord;

export interface Manifest {
  readonly generator: string;
  readonly version: string;
  readonly project: { readonly name: string; readonly db: (typeof databases)[number] };
  readonly entities: readonly HistoryRecord[];
}

/** Parses and validates a manifest's text; `where` names the file in the one-line error. */
export function parseManifest(text: string, where: string): Manifest {
  const parsed = parseJsonFile(manifestSchema, text, where);
  return { ...parsed, entities: parsed.entities.map(typedRecord) };
}

export async function readManifest(projectDir: string): Promise<Manifest> {
  const file = path.join(projectDir, manifestFileName);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new GeneratorError(`No ${manifestFileName} in ${projectDir}: is this a project made by create-layered-service?`);
  }
  return parseManifest(text, file);
}

/** The action of a record, "create" when the record does not say. */
export function actionOf(record: HistoryRecord): EntityAction {
  return record.action ?? "create";
}

// The schema's refinement guarantees the shape; this only tells the compiler which one it is.
function typedRecord(record: z.infer<typeof entityRecordSchema>): HistoryRecord {
  if (record.action === "model") {
    return { action: "model", name: record.name, schema: record.schema ?? "", migration: record.migration };
  }
  const base = {
    name: record.name,
    ...(record.plural === undefined ? {} : { plural: record.plural }),
    migration: record.migration,
  };
  switch (record.action) {
    case "destroy":
      return { action: "destroy", ...base };
    case "change":
      return { action: "change", ...base, fields: record.fields ?? "" };
    case undefined:
    case "create":
      return { ...(record.action === undefined ? {} : { action: "create" as const }), ...base, fields: record.fields ?? "" };
  }
}
