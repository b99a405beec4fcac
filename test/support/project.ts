/** A fresh project from the built CLI, ready for its own toolchain, for the end-to-end tests. */
import { symlink } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { prismaGenerate } from "../../generators/src/shared/prisma-generate.js";
import { cliEnvironment, runCli } from "../cli/run-cli.js";

const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Generates project `name` in `scratch` with the built CLI (`--yes --no-install --no-git` and
 * `extraArgs`), expecting it to exit with 0 (and, with `expectEmptyStderr`, to print nothing on
 * stderr); links this repository's `node_modules` into it in place of an install and runs
 * `prisma generate`. Returns the project's directory.
 */
export async function generateProject(
  scratch: string,
  name: string,
  extraArgs: readonly string[] = [],
  options: { expectEmptyStderr?: boolean } = {},
): Promise<string> {
  const result = await runCli([name, "--yes", "--no-install", "--no-git", ...extraArgs], {
    cwd: scratch,
    env: cliEnvironment(),
  });
  if (options.expectEmptyStderr === true) expect(result.stderr).toBe("");
  expect(result.exitCode).toBe(0);
  const projectDir = path.join(scratch, name);
  await symlink(path.join(root, "node_modules"), path.join(projectDir, "node_modules"), "dir");
  await prismaGenerate(projectDir);
  return projectDir;
}
