/**
 * Works out, in memory, every file that adding an entity creates or changes: the module's files from
 * the templates, schema.prisma, the migration, the registrations in app-router.ts, services.ts and
 * the conformance test's inputs, and the manifest. Nothing is written here; bad input throws a GeneratorError before anything is.
 * Changing an existing entity's fields is planned in change/, destroying one in ../destroy/; both
 * reuse the steps exported here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "../errors.js";
import { manifestFileName, parseManifest, type CreateRecord, type Manifest } from "../shared/manifest.js";
import { usage, type EntityAnswers } from "./answers.js";
import { parseFields, type ParsedField } from "./fields.js";
import { appendEntityRecord, recordedEntity } from "./manifest-entry.js";
import { migrationDirName, renderCreateMigration } from "./migration-sql.js";
import { entityNames, type EntityNames } from "./naming.js";
import { addEntityToSchema, hasModel, listModels } from "./prisma-schema.js";
import { relationsOf } from "./relations.js";
import { registerConformance, registerRouter, registerService } from "./register.js";
import { renderEntityFiles, type RenderedFile } from "./render.js";
import { entityView } from "./view-model.js";

export interface FileChange {
  /** Relative to the project, with forward slashes. */
  readonly path: string;
  /** The content before, or undefined for a file that the plan creates. */
  readonly before: string | undefined;
  /** The content after, or undefined for a file that the plan deletes. */
  readonly after: string | undefined;
}

export interface EntityPlan {
  readonly entity: EntityNames;
  readonly fields: readonly ParsedField[];
  readonly record: CreateRecord;
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
  const entity = newEntity(project, answers);
  const fields = parseEntityFields(project, entity, answers);
  const moduleFiles = renderModule(project, entity, fields, answers);
  const record = entityRecord(project, entity, answers, options);
  const wanted = [
    ...moduleFiles,
    ...schemaAndMigration(project, entity, fields, record),
    ...registrations(project, entity),
    { path: manifestFileName, after: appendEntityRecord(project.manifestText, record) },
  ];
  return { entity, fields, record, changes: changedFiles(project, wanted) };
}

export interface ProjectFiles {
  readonly dir: string;
  read(relative: string): string | undefined;
  readRequired(relative: string): string;
  readonly manifestText: string;
  readonly manifest: Manifest;
  readonly schema: string;
}

export interface WantedFile {
  readonly path: string;
  /** undefined deletes the file. */
  readonly after: string | undefined;
}

export function readProject(dir: string): ProjectFiles {
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

/** The names of the entity to create; an entity that exists already is refused (changes go through --force). */
function newEntity(project: ProjectFiles, answers: EntityAnswers): EntityNames {
  const entity = entityNames(answers.name, answers.plural === undefined ? {} : { plural: answers.plural });
  const recorded = recordedEntity(project.manifest, entity.pascal);
  if (recorded !== undefined) {
    throw new GeneratorError(
      `Entity ${entity.pascal} already exists; add "-- --force" to change its fields to the ones given (a migration keeps its rows).`,
    );
  }
  if (hasModel(project.schema, entity.pascal)) {
    throw new GeneratorError(`Model ${entity.pascal} exists in ${schemaPath} but was not made by plop entity; choose another name.`);
  }
  return entity;
}

/** Parses the field list the user gave, against the models of the schema as it is now. */
export function parseEntityFields(project: ProjectFiles, entity: EntityNames, answers: { readonly fields: string }): readonly ParsedField[] {
  if (answers.fields.trim() === "") {
    throw new GeneratorError(`No fields given for ${entity.pascal}. Usage: ${usage}`);
  }
  const fields = parseFields(answers.fields, { entity, existingModels: listModels(project.schema) });
  checkReferences(entity, fields, project.manifest);
  return fields;
}

function renderModule(project: ProjectFiles, entity: EntityNames, fields: readonly ParsedField[], answers: EntityAnswers): WantedFile[] {
  const moduleDir = `src/modules/${entity.kebab}`;
  if (existsSync(path.join(project.dir, moduleDir)) && readdirSync(path.join(project.dir, moduleDir)).length > 0) {
    throw new GeneratorError(`${moduleDir}/ already exists; remove it or choose another name.`);
  }
  return renderModuleFiles(project.dir, entity, fields, answers.fields).map((file) => ({ path: file.path, after: file.content }));
}

/**
 * The module files the generator writes for an entity with these fields. The change and destroy
 * generators call it for the recorded fields too, to know what the generator wrote last time: it
 * must stay the one path from fields to file contents.
 */
export function renderModuleFiles(projectDir: string, entity: EntityNames, fields: readonly ParsedField[], spec: string): RenderedFile[] {
  return renderEntityFiles(entityView(entity, fields, spec.trim()), projectDir);
}

function entityRecord(project: ProjectFiles, entity: EntityNames, answers: EntityAnswers, options: PlanOptions): CreateRecord {
  return {
    name: answers.name.trim(),
    fields: answers.fields.trim(),
    ...(answers.plural === undefined ? {} : { plural: answers.plural }),
    migration: options.migration ?? migrationDirName(entity, nextMigrationTime(project.dir, options.now)),
  };
}

function schemaAndMigration(project: ProjectFiles, entity: EntityNames, fields: readonly ParsedField[], record: CreateRecord): WantedFile[] {
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

export function changedFiles(project: ProjectFiles, wanted: readonly WantedFile[]): FileChange[] {
  return wanted.flatMap((file): FileChange[] => {
    const before = project.read(file.path);
    return before === file.after ? [] : [{ path: file.path, before, after: file.after }];
  });
}

export function checkReferences(entity: EntityNames, fields: readonly ParsedField[], manifest: Manifest): void {
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

/** `now`, or one second after the newest migration: migrations apply in name order. */
export function nextMigrationTime(projectDir: string, now: Date): Date {
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
