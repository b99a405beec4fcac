/**
 * Works out, in memory, everything that destroying an entity writes: its module's files deleted,
 * its registrations taken out, its model, enums and back-relations removed from schema.prisma, the
 * migration that drops its table (what `prisma migrate dev` would write), and the destroy record in
 * the manifest. Files of the module folder that the generator did not write are kept unless
 * --force. Refused while another model references the entity. Nothing is written here.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "../errors.js";
import { dropMigrationDirName, renderDropMigration } from "../entity/evolve/alter-migration.js";
import { dataLossOfDestroy } from "../entity/evolve/field-diff.js";
import { referencedRefusal, referencingModels, removeEntityFromSchema } from "../entity/evolve/schema-change.js";
import { parseFields, type ParsedField } from "../entity/fields.js";
import { appendEntityRecord, currentEntities, recordedEntity, type RecordedEntity } from "../entity/manifest-entry.js";
import { entityNames, type EntityNames } from "../entity/naming.js";
import {
  appRouterPath,
  changedFiles,
  conformancePath,
  migrationsPath,
  nextMigrationTime,
  readProject,
  renderModuleFiles,
  schemaPath,
  servicesPath,
  type FileChange,
  type PlanOptions,
  type ProjectFiles,
  type WantedFile,
} from "../entity/plan.js";
import { listModels } from "../entity/prisma-schema.js";
import { unregisterConformance, unregisterRouter, unregisterService } from "../entity/unregister.js";
import type { RenderedFile } from "../entity/render.js";
import { manifestFileName, type DestroyRecord } from "../shared/manifest.js";
import type { DestroyAnswers } from "./answers.js";

export interface DestroyPlan {
  readonly entity: EntityNames;
  readonly fields: readonly ParsedField[];
  readonly record: DestroyRecord;
  /** What the destroy drops, one line: it always drops the table. */
  readonly dataLoss: readonly string[];
  /** Files of the module folder the generator did not write, left in place (without --force). */
  readonly kept: readonly string[];
  /** The module's files as the generator renders them for the recorded fields (before formatting). */
  readonly generated: readonly RenderedFile[];
  readonly changes: readonly FileChange[];
}

export function planDestroy(projectDir: string, answers: Pick<DestroyAnswers, "name" | "force">, options: PlanOptions): DestroyPlan {
  const project = readProject(projectDir);
  const recorded = standingEntity(project, answers.name);
  const entity = recorded.names;
  refuseWhileReferenced(project, entity);
  const fields = parseFields(recorded.current.fields, { entity, existingModels: listModels(project.schema) });
  const record: DestroyRecord = {
    action: "destroy",
    name: recorded.created.name,
    ...(recorded.created.plural === undefined ? {} : { plural: recorded.created.plural }),
    migration: options.migration ?? dropMigrationDirName(entity, nextMigrationTime(project.dir, options.now)),
  };
  const module = moduleDeletions(project, recorded, fields, answers.force);
  const wanted: WantedFile[] = [
    ...module.files,
    { path: appRouterPath, after: unregisterRouter(project.readRequired(appRouterPath), entity) },
    { path: servicesPath, after: unregisterService(project.readRequired(servicesPath), entity) },
    { path: conformancePath, after: unregisterConformance(project.readRequired(conformancePath), entity) },
    { path: schemaPath, after: removeEntityFromSchema(project.schema, entity, fields) },
    { path: `${migrationsPath}/${record.migration}/migration.sql`, after: renderDropMigration(entity, fields) },
    { path: manifestFileName, after: appendEntityRecord(project.manifestText, record) },
  ];
  return {
    entity,
    fields,
    record,
    dataLoss: [dataLossOfDestroy(entity, fields)],
    kept: module.kept,
    generated: module.generated,
    changes: changedFiles(project, wanted),
  };
}

function standingEntity(project: ProjectFiles, name: string): RecordedEntity {
  const { pascal } = entityNames(name);
  const recorded = recordedEntity(project.manifest, pascal);
  if (recorded === undefined) {
    const standing = currentEntities(project.manifest).map((entity) => entity.names.pascal);
    throw new GeneratorError(
      `Unknown entity ${pascal}: ${manifestFileName} records ${standing.length === 0 ? "no entities" : `only ${standing.join(", ")}`}.`,
    );
  }
  return recorded;
}

function refuseWhileReferenced(project: ProjectFiles, entity: EntityNames): void {
  const referencing = referencingModels(project.schema, entity);
  if (referencing.length > 0) throw new GeneratorError(referencedRefusal(entity, referencing));
}

interface ModuleDeletions {
  readonly files: readonly WantedFile[];
  readonly kept: readonly string[];
  readonly generated: readonly RenderedFile[];
}

/** The module folder's files to delete: the generated ones, and the others too with --force. */
function moduleDeletions(project: ProjectFiles, recorded: RecordedEntity, fields: readonly ParsedField[], force: boolean): ModuleDeletions {
  const generated = renderModuleFiles(project.dir, recorded.names, fields, recorded.current.fields);
  const present = listFiles(project.dir, `src/modules/${recorded.names.kebab}`);
  const kept = present.filter((file) => !generated.some((rendered) => rendered.path === file) && !force);
  return {
    files: present.filter((file) => !kept.includes(file)).map((file) => ({ path: file, after: undefined })),
    kept,
    generated,
  };
}

/** The files under `dir` (relative to the project), with forward slashes, sorted. */
function listFiles(projectDir: string, dir: string): string[] {
  try {
    return readdirSync(path.join(projectDir, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(projectDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
