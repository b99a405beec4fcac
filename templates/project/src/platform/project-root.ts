// Where the project's own files are at run time (package.json, prisma/migrations): the nearest
// directory above the running code that holds package.json. The code runs from src/ under tsx and
// vitest, and from the bundle's files in dist/ in production, at different depths, so the root is
// found rather than counted in "../" steps.
import { existsSync } from "node:fs";
import path from "node:path";

/** The nearest directory at or above `from` that holds package.json. */
export function findProjectRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`No package.json in ${from} or any directory above it`);
    }
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
