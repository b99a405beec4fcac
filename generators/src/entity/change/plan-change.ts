/**
 * Works out, in memory, everything that changing an existing entity's fields writes: the migration
 * (what `prisma migrate dev` would write for the schema change), the model and back-relations in
 * schema.prisma, the change record in the manifest, and the module's files rendered for the recorded
 * and for the new fields, which finish-change.ts formats and merges into the user's files. Nothing is
 * written here; bad input and unsafe changes throw a GeneratorError first.
 */
import { GeneratorError } from "../../errors.js";
import { manifestFileName, type ChangeRecord } from "../../shared/manifest.js";
import { changeMigrationDirName, renderAlterMigration } from "../evolve/alter-migration.js";
import { databaseColumnOrder } from "../evolve/column-order.js";
import { dataLossOf, diffFields, failureRisksOf, type FieldChange } from "../evolve/field-diff.js";
import { changeEntityInSchema } from "../evolve/schema-change.js";
import type { EntityAnswers } from "../answers.js";
import { parseFields, type ParsedField } from "../fields.js";
import { appendEntityRecord, currentEntities, namesOf, recordedEntity, type RecordedEntity } from "../manifest-entry.js";
import { entityNames, type EntityNames } from "../naming.js";
import {
  changedFiles,
  migrationsPath,
  nextMigrationTime,
  parseEntityFields,
  readProject,
  renderModuleFiles,
  schemaPath,
  type FileChange,
  type PlanOptions,
  type ProjectFiles,
} from "../plan.js";
import { listModels } from "../prisma-schema.js";
import type { RenderedFile } from "../render.js";

export interface ChangePlan {
  readonly entity: EntityNames;
  /** The fields before and after the change. */
  readonly before: readonly ParsedField[];
  readonly fields: readonly ParsedField[];
  readonly fieldChanges: readonly FieldChange[];
  /** One line for each change that drops data; empty when none does. */
  readonly dataLoss: readonly string[];
  /** One line for each change whose migration stops if the stored rows do not fit it. */
  readonly risks: readonly string[];
  readonly record: ChangeRecord;
  /** The module's files as the generator renders them for the recorded fields and for the new ones. */
  readonly renders: { readonly base: readonly RenderedFile[]; readonly generated: readonly RenderedFile[] };
  /** The schema, the migration and the manifest, when their content changes; finishChange adds the module's files. */
  readonly changes: readonly FileChange[];
}

/**
 * The plan, step by step: find the recorded entity, parse its recorded and its new fields, diff
 * them (refusing what cannot be done safely), then the migration, the schema, the merged module
 * files and the manifest record.
 */
export function planChange(projectDir: string, answers: EntityAnswers, options: PlanOptions): ChangePlan {
  const project = readProject(projectDir);
  const recorded = existingEntity(project, answers);
  const entity = recorded.names;
  const before = parseFields(recorded.current.fields, { entity, existingModels: listModels(project.schema) });
  const fields = parseEntityFields(project, entity, answers);
  const fieldChanges = diffFields(entity, before, fields);
  if (fieldChanges.length === 0) {
    throw new GeneratorError(`Nothing to change: ${entity.pascal} already has the fields "${recorded.current.fields}".`);
  }
  const record: ChangeRecord = {
    action: "change",
    name: recorded.created.name,
    ...(recorded.created.plural === undefined ? {} : { plural: recorded.created.plural }),
    fields: answers.fields.trim(),
    migration: options.migration ?? changeMigrationDirName(entity, nextMigrationTime(project.dir, options.now)),
  };
  const renders = {
    base: renderModuleFiles(project.dir, entity, before, recorded.current.fields),
    generated: renderModuleFiles(project.dir, entity, fields, record.fields),
  };
  const wanted = [
    { path: schemaPath, after: changeEntityInSchema(project.schema, entity, before, fields) },
    {
      path: `${migrationsPath}/${record.migration}/migration.sql`,
      after: renderAlterMigration(entity, before, fields, { columnOrder: columnOrder(project, recorded) }),
    },
    { path: manifestFileName, after: appendEntityRecord(project.manifestText, record) },
  ];
  return {
    entity,
    before,
    fields,
    fieldChanges,
    dataLoss: dataLossOf(entity, fieldChanges),
    risks: failureRisksOf(entity, fieldChanges),
    record,
    renders,
    changes: changedFiles(project, wanted),
  };
}

function existingEntity(project: ProjectFiles, answers: EntityAnswers): RecordedEntity {
  const names = answerNames(answers);
  const recorded = recordedEntity(project.manifest, names.pascal);
  if (recorded === undefined) {
    const standing = currentEntities(project.manifest).map((entity) => entity.names.pascal);
    throw new GeneratorError(
      `Unknown entity ${names.pascal}: --force changes an entity that exists, and ${manifestFileName} records ` +
        `${standing.length === 0 ? "none" : `only ${standing.join(", ")}`}; leave out --force to create it.`,
    );
  }
  if (answers.plural !== undefined && names.pluralPascal !== recorded.names.pluralPascal) {
    throw new GeneratorError(
      `${names.pascal} was created with the plural "${recorded.names.pluralWords}", which cannot change; leave out --plural.`,
    );
  }
  return recorded;
}

/**
 * The order the table holds the entity's columns in, from every field list it had since it was
 * created. Models referenced in the past may be gone since, so every name the manifest ever
 * recorded counts as a model here: only the column names matter.
 */
function columnOrder(project: ProjectFiles, recorded: RecordedEntity): string[] {
  const models = [...new Set([...listModels(project.schema), ...project.manifest.entities.map((record) => namesOf(record).pascal)])];
  return databaseColumnOrder(recorded.history.map((record) => parseFields(record.fields, { entity: recorded.names, existingModels: models })));
}

function answerNames(answers: Pick<EntityAnswers, "name" | "plural">): EntityNames {
  return entityNames(answers.name, answers.plural === undefined ? {} : { plural: answers.plural });
}
