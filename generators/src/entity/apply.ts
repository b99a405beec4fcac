/**
 * Writes a plan's changes: creates, rewrites and deletes files. All or nothing: when a write fails
 * part way, every file touched so far gets its old content back, created files and directories are
 * removed, and the error is rethrown. A directory that a deletion leaves empty is removed too.
 */
import { mkdir, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FileChange } from "./plan.js";

export type WriteFile = (file: string, content: string) => Promise<void>;

/** Returns the directories it created, for `restore` to remove should a later step fail. */
export async function applyChanges(
  projectDir: string,
  changes: readonly FileChange[],
  write: WriteFile = (file, content) => writeFile(file, content),
): Promise<string[]> {
  const touched: FileChange[] = [];
  const createdDirs: string[] = [];
  try {
    for (const change of changes) {
      const file = path.join(projectDir, change.path);
      touched.push(change);
      if (change.after === undefined) {
        await rm(file, { force: true });
        continue;
      }
      const created = await mkdir(path.dirname(file), { recursive: true });
      if (created !== undefined) createdDirs.push(created);
      await write(file, change.after);
    }
    await removeEmptiedDirectories(projectDir, changes);
  } catch (error) {
    await restore(projectDir, touched, createdDirs);
    throw error;
  }
  return createdDirs;
}

/** Puts back what `changes` replaced or deleted and removes what they created. */
export async function restore(projectDir: string, changes: readonly FileChange[], createdDirs: readonly string[] = []): Promise<void> {
  for (const change of [...changes].reverse()) {
    const file = path.join(projectDir, change.path);
    if (change.before === undefined) {
      await rm(file, { force: true });
    } else {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, change.before);
    }
  }
  for (const dir of [...createdDirs].reverse()) await rm(dir, { recursive: true, force: true });
}

async function removeEmptiedDirectories(projectDir: string, changes: readonly FileChange[]): Promise<void> {
  const dirs = new Set(changes.filter((change) => change.after === undefined).map((change) => path.dirname(path.join(projectDir, change.path))));
  for (const dir of [...dirs].sort().reverse()) {
    const left = await readdir(dir).catch(() => undefined);
    if (left?.length === 0) await rmdir(dir);
  }
}
