/**
 * Works out, in memory, every file that adding an entity creates or changes: the module's files from
 * the templates, schema.prisma, the migration, the registrations in app-router.ts, services.ts and
 * the conformance test's inputs, and the manifest. Nothing is written here; bad input throws a GeneratorError before anything is.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "../errors.js";
import { manifestFileName, parseManifest, type EntityRecord, type Manifest } from "../shared/manifest.js";
import { usage, type EntityAnswers } from "./answers.js";
import { parseFields, type ParsedField } from "./fields.js";
import { appendEntityRecord, recordedEntity } from "./manifest-entry.js";
import { migrationDirName, renderCreateMigration } from "./migration-sql.js";
import { entityNames, type EntityNames } from "./naming.js";
import { addEntityToSchema, hasModel, listModels } from "./prisma-schema.js";
import { relationsOf } from "./relations.js";
import { registerConformance, registerRouter, registerService } from "./register.js";
import { renderEntityFiles } from "./render.js";
import { entityView } from "./view-model.js";

export interface FileChange {
  /** Relative to the project, with forward slashes. */
  readonly path: string;
  /** The content before, or undefined for a file that the plan creates. */
  readonly before: string | undefined;
  readonly after: string;
}

export interface EntityPlan {
  readonly entity: EntityNames;
  readonly fields: readonly ParsedField[];
  readonly record: EntityRecord;
  /** Only the files whose content changes, in the order they are written. */
  readonly changes: readonly FileChange[];
}

export interface PlanOptions {
  /** The time the migration's name is stamped with. */
  readonly now: Date;
  /** A migration directory name to use instead of a new one (replaying a manifest). */
  readonly migration?: string | undefined;
}

export const schemaPath = "prisma/schema.prisma";
export const migrationsPath = "prisma/migrations";
export const appRouterPath = "src/app-router.ts";
export const servicesPath = "src/services.ts";
export const conformancePath = "test/support/conformance.ts";

/**
 * The plan, step by step: read the project, decide which entity this is (and refuse what cannot be
 * done), parse its fields, render its module, then the schema, migration, registrations and manifest
 * entry, and keep only the files whose content changes.
 */
export function planEntity(projectDir: string, answers: EntityAnswers, options: PlanOptions): EntityPlan {
  const project = readProject(projectDir);
  const target = resolveEntity(project, answers);
  const fields = parseEntityFields(project, target, answers);
  const moduleFiles = renderModule(project, target, fields, answers);
  const record = entityRecord(project, target, answers, options);
  const wanted = [
    ...moduleFiles,
    ...(target.exists ? [] : schemaAndMigration(project, target.entity, fields, record)),
    ...registrations(project, target.entity),
    ...(target.exists ? [] : [{ path: manifestFileName, after: appendEntityRecord(project.manifestText, record) }]),
  ];
  return { entity: target.entity, fields, record, changes: changedFiles(project, wanted) };
}

interface ProjectFiles {
  readonly dir: string;
  read(relative: string): string | undefined;
  readRequired(relative: string): string;
  readonly manifestText: string;
  readonly manifest: Manifest;
  readonly schema: string;
}

interface WantedFile {
  readonly path: string;
  readonly after: string;
}

interface Target {
  readonly entity: EntityNames;
  /** The entity's manifest entry, when it was made before. */
  readonly recorded: EntityRecord | undefined;
  readonly exists: boolean;
}

function readProject(dir: string): ProjectFiles {
  const read = (relative: string): string | undefined => {
    const file = path.join(dir, relative);
    return existsSync(file) ? readFileSync(file, "utf8") : undefined;
  };
  const readRequired = (relative: string): string => {
    const text = read(relative);
    if (text === undefined) {
      throw new GeneratorError(`${relative} is missing in ${dir}: run plop entity in a project made by create-layered-service.`);
    }
    return text;
  };
  const manifestText = readRequired(manifestFileName);
  const manifest = parseManifest(manifestText, path.join(dir, manifestFileName));
  return { dir, read, readRequired, manifestText, manifest, schema: readRequired(schemaPath) };
}

function resolveEntity(project: ProjectFiles, answers: EntityAnswers): Target {
  const entity = entityNames(answers.name, answers.plural === undefined ? {} : { plural: answers.plural });
  const recorded = recordedEntity(project.manifest, entity.pascal);
  const exists = recorded !== undefined || hasModel(project.schema, entity.pascal);
  if (exists && !answers.force) {
    throw new GeneratorError(
      `Entity ${entity.pascal} already exists; add "-- --force" to write its module files again from the templates.`,
    );
  }
  if (exists && recorded === undefined) {
    throw new GeneratorError(`Model ${entity.pascal} exists in ${schemaPath} but was not made by plop entity; choose another name.`);
  }
  if (recorded !== undefined && normalizeSpec(recorded.fields) !== normalizeSpec(answers.fields)) {
    throw new GeneratorError(
      `Entity ${entity.pascal} exists with other fields ("${recorded.fields}"); changing a table needs a migration ` +
        "that plop entity does not write. Give the recorded fields to write its files again.",
    );
  }
  return { entity, recorded, exists };
}

function parseEntityFields(project: ProjectFiles, { entity }: Target, answers: EntityAnswers): readonly ParsedField[] {
  if (answers.fields.trim() === "") {
    throw new GeneratorError(`No fields given for ${entity.pascal}. Usage: ${usage}`);
  }
  // An entity that already exists is its own model; parse against the schema as it was before it.
  const fields = parseFields(answers.fields, { entity, existingModels: listModels(project.schema) });
  checkReferences(entity, fields, project.manifest);
  return fields;
}

function renderModule(project: ProjectFiles, { entity, exists }: Target, fields: readonly ParsedField[], answers: EntityAnswers): WantedFile[] {
  const moduleFiles = renderEntityFiles(entityView(entity, fields, answers.fields.trim()), project.dir);
  const moduleDir = `src/modules/${entity.kebab}`;
  if (!exists && existsSync(path.join(project.dir, moduleDir)) && readdirSync(path.join(project.dir, moduleDir)).length > 0) {
    throw new GeneratorError(`${moduleDir}/ already exists; remove it or choose another name.`);
  }
  return moduleFiles.map((file) => ({ path: file.path, after: file.content }));
}

function entityRecord(project: ProjectFiles, { entity, recorded }: Target, answers: EntityAnswers, options: PlanOptions): EntityRecord {
  return (
    recorded ?? {
      name: answers.name.trim(),
      fields: answers.fields.trim(),
      ...(answers.plural === undefined ? {} : { plural: answers.plural }),
      migration: options.migration ?? migrationDirName(entity, nextMigrationTime(project.dir, options.now)),
    }
  );
}

function schemaAndMigration(project: ProjectFiles, entity: EntityNames, fields: readonly ParsedField[], record: EntityRecord): WantedFile[] {
  return [
    { path: schemaPath, after: addEntityToSchema(project.schema, entity, fields) },
    { path: `${migrationsPath}/${record.migration}/migration.sql`, after: renderCreateMigration(entity, fields) },
  ];
}

function registrations(project: ProjectFiles, entity: EntityNames): WantedFile[] {
  return [
    { path: appRouterPath, after: registerRouter(project.readRequired(appRouterPath), entity) },
    { path: servicesPath, after: registerService(project.readRequired(servicesPath), entity) },
    { path: conformancePath, after: registerConformance(project.readRequired(conformancePath), entity) },
  ];
}

function changedFiles(project: ProjectFiles, wanted: readonly WantedFile[]): FileChange[] {
  return wanted.flatMap((file): FileChange[] => {
    const before = project.read(file.path);
    return before === file.after ? [] : [{ path: file.path, before, after: file.after }];
  });
}

function checkReferences(entity: EntityNames, fields: readonly ParsedField[], manifest: Manifest): void {
  for (const { field, target, selfReference } of relationsOf(entity, fields)) {
    if (selfReference && !field.optional) {
      throw new GeneratorError(
        `A required reference to the entity itself in "${field.source}" could never be satisfied by the first record; make it optional (${field.name}:references(${target.pascal})?).`,
      );
    }
    if (!selfReference && recordedEntity(manifest, target.pascal) === undefined) {
      throw new GeneratorError(
        `Relation target ${target.pascal} in "${field.source}" was not made by plop entity, so it has no repositories or builders to use.`,
      );
    }
  }
}

function normalizeSpec(spec: string): string {
  return spec.trim().split(/\s+/).join(" ");
}

/** `now`, or one second after the newest migration: migrations apply in name order. */
function nextMigrationTime(projectDir: string, now: Date): Date {
  const dir = path.join(projectDir, migrationsPath);
  const stamps = existsSync(dir)
    ? readdirSync(dir)
        .map((name) => /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_/.exec(name))
        .flatMap((match) => {
          if (match === null) return [];
          const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
          return [Date.UTC(year, month - 1, day, hour, minute, second)];
        })
    : [];
  const newest = Math.max(...stamps, Number.NEGATIVE_INFINITY);
  const wholeSecond = Math.floor(now.getTime() / 1000) * 1000;
  return new Date(Math.max(wholeSecond, newest + 1000));
}
