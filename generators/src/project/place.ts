/**
 * Checks the target directory before anything is rendered, and moves a rendered project into it.
 *
 * A target that does not exist receives the whole rendered directory in one rename, so it either
 * holds the complete project or nothing. An empty target receives each top-level file and folder
 * in one rename. With `force`, a non-empty target receives the files one rename at a time: files
 * the template writes replace the ones there, other files stay.
 */
import { lstatSync, readdirSync } from "node:fs";
import { lstat, mkdir, readdir, rename } from "node:fs/promises";
import path from "node:path";
import { GeneratorError } from "../errors.js";

export interface TargetState {
  exists: boolean;
  empty: boolean;
}

/** Throws a GeneratorError when the project cannot go to `targetDir`. */
export function inspectTarget(targetDir: string, force: boolean): TargetState {
  let entries: string[];
  try {
    if (!lstatSync(targetDir).isDirectory()) {
      throw new GeneratorError(`${displayPath(targetDir)} exists and is not a directory`);
    }
    entries = readdirSync(targetDir);
  } catch (error) {
    if (isCode(error, "ENOENT")) return { exists: false, empty: true };
    throw error;
  }
  if (entries.length > 0 && !force) {
    throw new GeneratorError(
      `${displayPath(targetDir)} is not empty: choose another directory, or use --force to write into it`,
    );
  }
  return { exists: true, empty: entries.length === 0 };
}

/**
 * Moves the rendered files (paths relative to `stagingDir`) into `targetDir`, and returns the
 * ones that replaced a file already there.
 */
export async function placeProject(
  stagingDir: string,
  targetDir: string,
  files: readonly string[],
  target: TargetState,
): Promise<string[]> {
  if (!target.exists) {
    try {
      await rename(stagingDir, targetDir);
    } catch (error) {
      if (isCode(error, "ENOTEMPTY") || isCode(error, "EEXIST")) {
        throw new GeneratorError(`${displayPath(targetDir)} was created meanwhile by something else`);
      }
      throw error;
    }
    return [];
  }
  if (target.empty) {
    // The directory itself stays: it may be the working directory of the shell that ran us.
    for (const entry of await readdir(stagingDir)) {
      await rename(path.join(stagingDir, entry), path.join(targetDir, entry));
    }
    return [];
  }
  await refuseConflicts(targetDir, files);
  const overwritten: string[] = [];
  for (const file of files) {
    const destination = path.join(targetDir, file);
    await mkdir(path.dirname(destination), { recursive: true });
    if (await exists(destination)) overwritten.push(file);
    await rename(path.join(stagingDir, file), destination);
  }
  return overwritten;
}

/** The rendered files that would replace a file in `targetDir`. */
export async function filesToOverwrite(targetDir: string, files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    if (await exists(path.join(targetDir, file))) found.push(file);
  }
  return found;
}

/** Refuses, before anything moves, when a file would need to replace a directory or the reverse. */
async function refuseConflicts(targetDir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const parts = file.split("/");
    for (let depth = 1; depth <= parts.length; depth++) {
      const relative = parts.slice(0, depth).join("/");
      const stats = await lstat(path.join(targetDir, relative)).catch(() => undefined);
      if (stats === undefined) break;
      const wantsDirectory = depth < parts.length;
      if (wantsDirectory && !stats.isDirectory()) {
        throw new GeneratorError(
          `Cannot write ${file}: ${relative} in ${displayPath(targetDir)} is not a directory`,
        );
      }
      if (!wantsDirectory && stats.isDirectory()) {
        throw new GeneratorError(`Cannot write ${file}: it is a directory in ${displayPath(targetDir)}`);
      }
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/** A path as the user would type it: relative to the working directory when inside it. */
export function displayPath(absolute: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absolute);
  if (relative === "") return ".";
  const outside = relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? absolute : relative;
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
