import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GeneratorError } from "../../../generators/src/errors.js";
import type { Database, PackageManager } from "../../../generators/src/shared/choices.js";
import {
  detectPackageManager,
  normalize,
  projectNameProblems,
  type NormalizeEnvironment,
} from "../../../generators/src/project/normalize.js";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
const environment: NormalizeEnvironment = { cwd: "/work/projects", userAgent: undefined };

describe("normalize", () => {
  it("takes the defaults for everything but the directory", () => {
    const project = normalize({ directory: "my-service" }, environment);

    expect(project).toEqual({
      targetDir: "/work/projects/my-service",
      name: "my-service",
      db: "pglite",
      packageManager: "npm",
      install: true,
      git: true,
      force: false,
      dryRun: false,
      viewModel: {
        name: "my-service",
        db: "pglite",
        pglite: true,
        postgres: false,
        packageManager: "npm",
        generatorVersion: version,
        runCmd: "npm run",
        installCmd: "npm install",
        execCmd: "npx",
      },
    });
  });

  it("names the project after the last segment of the directory, resolved from the working directory", () => {
    expect(normalize({ directory: "../apps/billing/" }, environment)).toMatchObject({
      targetDir: "/work/apps/billing",
      name: "billing",
    });
    expect(normalize({ directory: "/srv/orders" }, environment).name).toBe("orders");
    expect(normalize({ directory: "." }, environment).name).toBe("projects");
  });

  it("keeps the answers it is given", () => {
    const project = normalize(
      { directory: "api", db: "postgres", packageManager: "bun", install: false, git: false, force: true, dryRun: true },
      environment,
    );

    expect(project).toMatchObject({ db: "postgres", packageManager: "bun", install: false, git: false, force: true, dryRun: true });
    expect(project.viewModel).toMatchObject({ db: "postgres", pglite: false, postgres: true });
  });

  it.each<[PackageManager, string, string, string]>([
    ["npm", "npm run", "npm install", "npx"],
    ["pnpm", "pnpm", "pnpm install", "pnpm exec"],
    ["yarn", "yarn", "yarn install", "yarn"],
    ["bun", "bun run", "bun install", "bunx"],
  ])("gives %s's commands to the templates", (packageManager, runCmd, installCmd, execCmd) => {
    const { viewModel } = normalize({ directory: "api", packageManager }, environment);

    expect(viewModel).toMatchObject({ packageManager, runCmd, installCmd, execCmd });
  });

  it("defaults to the package manager that runs it", () => {
    const project = normalize({ directory: "api" }, { ...environment, userAgent: "pnpm/10.2.0 npm/? node/v24.1.0 linux x64" });

    expect(project.packageManager).toBe("pnpm");
    expect(project.viewModel.runCmd).toBe("pnpm");
  });

  it("refuses a directory that is not a valid npm package name, in one line that names it", () => {
    for (const directory of ["My App", "_x", "apps/.config"]) {
      const attempt = (): unknown => normalize({ directory }, environment);
      expect(attempt).toThrow(GeneratorError);
      expect(attempt).toThrow(`Invalid project name "${path.basename(directory)}"`);
      try {
        attempt();
      } catch (error) {
        expect((error as Error).message).not.toContain("\n");
      }
    }
  });

  it("refuses an empty directory", () => {
    expect(() => normalize({ directory: "  " }, environment)).toThrow("Missing project directory");
  });

  it("refuses a database or package manager it does not know, from callers without types", () => {
    expect(() => normalize({ directory: "api", db: "mysql" as Database }, environment)).toThrow(
      'Unknown database "mysql": choose one of pglite, postgres',
    );
    expect(() => normalize({ directory: "api", packageManager: "pip" as PackageManager }, environment)).toThrow(
      'Unknown package manager "pip": choose one of npm, pnpm, yarn, bun',
    );
  });
});

describe("detectPackageManager", () => {
  it.each([
    ["npm/11.4.2 node/v24.1.0 linux x64 workspaces/false", "npm"],
    ["pnpm/10.2.0 npm/? node/v24.1.0 linux x64", "pnpm"],
    ["yarn/4.9.1 npm/? node/v24.1.0 linux x64", "yarn"],
    ["bun/1.2.17 npm/? node/v24.3.0 linux x64", "bun"],
    ["cnpm/9.4.0 node/v24.1.0", "npm"],
    ["", "npm"],
    [undefined, "npm"],
  ])("reads %j as %s", (userAgent, expected) => {
    expect(detectPackageManager(userAgent)).toBe(expected);
  });
});

describe("projectNameProblems", () => {
  it.each(["my-service", "orders", "a.b_c-1", "x", "a".repeat(214)])("accepts %j", (name) => {
    expect(projectNameProblems(name)).toEqual([]);
  });

  it.each([
    ["", "name length must be greater than zero"],
    ["My-App", "name can no longer contain capital letters"],
    ["my app", "URL-friendly characters"],
    [" app", "name cannot contain leading or trailing spaces"],
    [".app", "name cannot start with a period"],
    ["_app", "name cannot start with an underscore"],
    ["node_modules", "is not a valid package name"],
    ["favicon.ico", "is not a valid package name"],
    ["http", "is a core module name"],
    ["fs", "is a core module name"],
    ["a".repeat(215), "more than 214 characters"],
    ["app!", "~'!()*"],
    ["caf\u00e9", "URL-friendly characters"],
    ["a&b", "URL-friendly characters"],
  ])("refuses %j: %s", (name, reason) => {
    expect(projectNameProblems(name).join("; ")).toContain(reason);
  });
});
