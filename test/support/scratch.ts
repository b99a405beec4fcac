/** Temporary directories for tests, each removed after the test that made it. */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

/**
 * Registers an `afterEach` that removes every directory made during the test, and returns the
 * function that makes one: a fresh directory under the system's temporary directory, named
 * `prefix` and a random suffix. Call it at the top level of a test file.
 */
export function scratchDirectories(prefix: string): () => string {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
