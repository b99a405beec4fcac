/**
 * Regenerates a project from its manifest into an empty directory: the project template with the
 * recorded options, then every recorded entity in order, then the packages its hand-written files
 * need (hand-written.ts) added to package.json. `npm run reference:sync` and the golden test that
 * compares the result with reference-app/ are built on it.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { applyChanges } from "../entity/apply.js";
import { formatPlan } from "../entity/format-plan.js";
import { planEntity } from "../entity/plan.js";
import { formatFilesInPlace } from "../shared/format.js";
import { addHandWrittenDependencies, handWrittenListFile, readHandWritten } from "./hand-written.js";
import { readManifest, type Manifest } from "../shared/manifest.js";
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
  for (const record of manifest.entities) {
    // The recorded migration name stands in for a new timestamp, so the replay is exact.
    const plan = planEntity(
      destinationDir,
      { name: record.name, fields: record.fields, plural: record.plural, dryRun: false, force: false },
      { now: new Date(0), migration: record.migration },
    );
    await applyChanges(destinationDir, (await formatPlan(destinationDir, plan)).changes);
  }
  const handWritten = await readHandWritten(projectDir);
  const packageJson = path.join(destinationDir, "package.json");
  const where = path.join(projectDir, handWrittenListFile);
  await writeFile(packageJson, addHandWrittenDependencies(await readFile(packageJson, "utf8"), handWritten, where));
  return manifest;
}
