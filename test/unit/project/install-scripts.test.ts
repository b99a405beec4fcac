/**
 * npm runs a dependency's install scripts only when `allowScripts` in package.json approves it
 * (advisory in npm 11, enforced from npm 12). Both this repository and every generated project name
 * exactly the packages in their dependency tree that have such scripts, so that an upgrade which
 * brings a new one fails here instead of being skipped silently on a user's machine.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../../generators/src/paths.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { renderProject } from "../../../generators/src/project/render.js";
import { scratchDirectories } from "../../support/scratch.js";

const scratch = scratchDirectories("cls-install-scripts-");

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  workspaces?: string[];
  allowScripts?: Record<string, boolean>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;

/** Where Node would find `name` when required from `fromDir`: the nearest node_modules holding it. */
function installedDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The same test npm applies: a lifecycle install script, or a native addon built by node-gyp. */
function hasInstallScript(dir: string, manifest: Manifest): boolean {
  const scripts = manifest.scripts ?? {};
  return ["preinstall", "install", "postinstall"].some((name) => name in scripts) || existsSync(path.join(dir, "binding.gyp"));
}

/**
 * Names of the packages with install scripts among the installed dependencies of `roots`, resolved
 * from `resolveFrom` (a project reusing this repository's node_modules resolves from here).
 * Optional dependencies for other platforms are not installed and are skipped.
 */
function packagesWithInstallScripts(roots: Record<string, string>, resolveFrom: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const queue: [string, string, boolean][] = Object.keys(roots).map((name) => [name, resolveFrom, false]);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const [name, from, optional] = next;
    const dir = installedDir(name, from);
    if (dir === undefined) {
      if (optional) continue;
      throw new Error(`${name} is not installed (needed from ${from}): run npm ci first`);
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = readManifest(dir);
    if (dir !== packageRoot && hasInstallScript(dir, manifest)) found.add(manifest.name);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) queue.push([dependency, dir, false]);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) queue.push([dependency, dir, true]);
  }
  return [...found].sort();
}

const approved = (manifest: Manifest): string[] =>
  Object.entries(manifest.allowScripts ?? {})
    .filter(([, allowed]) => allowed)
    .map(([name]) => name)
    .sort();

describe("allowScripts", () => {
  it("approves exactly the install scripts of this repository's dependency tree", () => {
    const root = readManifest(packageRoot);
    const workspaces = (root.workspaces ?? []).map((workspace) => readManifest(path.join(packageRoot, workspace)));
    const dependencies = Object.fromEntries(
      [root, ...workspaces]
        .flatMap((manifest) => Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
        .filter(([name]) => name !== root.name),
    );

    expect(approved(root)).toEqual(packagesWithInstallScripts(dependencies, packageRoot));
  });

  it.each(["pglite", "postgres"] as const)(
    "approves exactly the install scripts of a generated %s project's dependency tree",
    async (db) => {
      const destination = path.join(scratch(), "shop");
      const { viewModel } = normalize({ directory: "shop", db }, { cwd: "/tmp", userAgent: undefined });
      await renderProject(viewModel, destination);
      const project = readManifest(destination);

      const dependencies = { ...project.dependencies, ...project.devDependencies };
      expect(approved(project)).toEqual(packagesWithInstallScripts(dependencies, packageRoot));
      expect(approved(project).length).toBeGreaterThan(0);
    },
  );
});
