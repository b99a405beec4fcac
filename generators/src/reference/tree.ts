/** Lists and compares the generated files of two project trees. */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { isOutsideGeneratedFiles } from "./replay.js";

export async function listGeneratedFiles(root: string, handWritten: readonly string[]): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !isOutsideGeneratedFiles(file, handWritten))
    .sort();
}
