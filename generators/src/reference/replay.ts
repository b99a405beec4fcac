/**
 * Regenerates a project from its manifest into an empty directory: the project template with the
 * recorded options, then every step of the entity history in order (create, change, destroy, each
 * with the migration name it recorded, and the hand-written models with their fragment and
 * migration read from the project), then the packages its hand-written files need
 * (hand-written.ts) added to package.json. `npm run reference:sync` and the golden test that
 * compares the result with reference-app/ are built on it.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { planDestroy } from "../destroy/plan-destroy.js";
import { applyChanges } from "../entity/apply.js";
import { finishChange } from "../entity/change/finish-change.js";
import { planChange } from "../entity/change/plan-change.js";
import { formatPlan } from "../entity/format-plan.js";
import { planEntity, type FileChange } from "../entity/plan.js";
import { formatFilesInPlace } from "../shared/format.js";
import { addHandWrittenDependencies, handWrittenListFile, readHandWritten } from "./hand-written.js";
import { readManifest, type HistoryRecord, type Manifest } from "../shared/manifest.js";
import { replayModel } from "../model/model-step.js";
import { normalize } from "../project/normalize.js";
import { renderProject } from "../project/render.js";

/** Paths never compared or copied: installed, generated at build time, or local data. */
export const ignoredPaths = ["node_modules/", "dist/", "src/generated/", ".data/", "coverage/", ".env"];

export function isOutsideGeneratedFiles(relativePath: string, handWritten: readonly string[]): boolean {
  return [...ignoredPaths, ...handWritten].some((entry) =>
    entry.endsWith("/") ? relativePath.startsWith(entry) : relativePath === entry,
  );
}

export async function replayProject(projectDir: string, destinationDir: string): Promise<Manifest> {
  const manifest = await readManifest(projectDir);
  const project = normalize(
    {
      directory: path.join(path.dirname(destinationDir), manifest.project.name),
      db: manifest.project.db,
      packageManager: "npm",
      install: false,
      git: false,
      force: true,
      dryRun: true,
    },
    { cwd: path.dirname(destinationDir), userAgent: undefined },
  );
  await formatFilesInPlace(destinationDir, await renderProject(project.viewModel, destinationDir));
  for (const record of manifest.entities) await applyChanges(destinationDir, await replayStep(projectDir, destinationDir, record));
  const handWritten = await readHandWritten(projectDir);
  const packageJson = path.join(destinationDir, "package.json");
  const where = path.join(projectDir, handWrittenListFile);
  await writeFile(packageJson, addHandWrittenDependencies(await readFile(packageJson, "utf8"), handWritten, where));
  return manifest;
}

/** One record's files, formatted as the generator formats them when it writes. */
async function replayStep(sourceDir: string, projectDir: string, record: HistoryRecord): Promise<readonly FileChange[]> {
  // The recorded migration name stands in for a new timestamp, so the replay is exact.
  const options = { now: new Date(0), migration: record.migration };
  switch (record.action) {
    case undefined:
    case "create":
    case "change": {
      const answers = {
        name: record.name,
        fields: record.fields,
        plural: record.plural,
        dryRun: false,
        force: record.action === "change",
        dataLoss: "allowed",
      } as const;
      return record.action === "change"
        ? (await finishChange(projectDir, planChange(projectDir, answers, options))).changes
        : (await formatPlan(projectDir, planEntity(projectDir, answers, options))).changes;
    }
    case "destroy":
      return (await formatPlan(projectDir, planDestroy(projectDir, { name: record.name, force: false }, options))).changes;
    case "model":
      return replayModel(sourceDir, projectDir, record);
  }
}
