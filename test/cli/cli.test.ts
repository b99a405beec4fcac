import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { scratchDirectories } from "../support/scratch.js";
import { cliEnvironment, lines, listFiles, repoRoot, runCli } from "./run-cli.js";

const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string })
  .version;

interface Summary {
  targetDir: string;
  dryRun: boolean;
  options: { name: string; db: string; packageManager: string; install: boolean; git: boolean; force: boolean };
  files: string[];
  overwritten: string[];
  steps: { step: string; status: string; detail: string }[];
}

const scratch = scratchDirectories("cls-cli-");

function expectOneLineRefusal(run: { exitCode: number | null; stdout: string; stderr: string }): string {
  expect(run.exitCode).toBe(1);
  expect(run.stdout).toBe("");
  const errorLines = lines(run.stderr);
  expect(errorLines).toHaveLength(1);
  expect(errorLines[0]).toMatch(/^create-layered-service: /);
  return errorLines[0] ?? "";
}

describe("create-layered-service refuses bad input with one line and writes nothing", () => {
  it("refuses a non-empty target directory without --force and leaves it as it was", async () => {
    const cwd = scratch();
    mkdirSync(path.join(cwd, "taken"));
    writeFileSync(path.join(cwd, "taken", "notes.txt"), "mine\n");

    const run = await runCli(["taken", "--yes", "--no-install", "--no-git"], { cwd });

    expect(expectOneLineRefusal(run)).toContain("taken is not empty");
    expect(listFiles(path.join(cwd, "taken"))).toEqual(["notes.txt"]);
    expect(readFileSync(path.join(cwd, "taken", "notes.txt"), "utf8")).toBe("mine\n");
    expect(readdirSync(cwd)).toEqual(["taken"]);
  });

  it("refuses a target that is a file", async () => {
    const cwd = scratch();
    writeFileSync(path.join(cwd, "service"), "a file\n");

    const run = await runCli(["service", "--yes"], { cwd });

    expect(expectOneLineRefusal(run)).toContain("is not a directory");
    expect(readdirSync(cwd)).toEqual(["service"]);
  });

  it.each(["My App", "_x", ".hidden", "node_modules", "http", "caf\u00e9"])(
    "refuses %j as a project name, since it is not a valid npm package name",
    async (name) => {
      const cwd = scratch();

      const run = await runCli([name, "--yes", "--no-install", "--no-git"], { cwd });

      expect(expectOneLineRefusal(run)).toContain(`Invalid project name "${name}"`);
      expect(readdirSync(cwd)).toEqual([]);
    },
  );

  it("refuses an unknown flag", async () => {
    const cwd = scratch();

    const run = await runCli(["app", "--bogus"], { cwd });

    expect(expectOneLineRefusal(run)).toContain("unknown option '--bogus'");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.each([
    ["--db", "mysql"],
    ["--package-manager", "pip"],
  ])("refuses %s %s, naming the allowed choices", async (flag, value) => {
    const cwd = scratch();

    const run = await runCli(["app", flag, value], { cwd });

    const message = expectOneLineRefusal(run);
    expect(message).toContain(`'${value}' is invalid`);
    expect(message).toContain("Allowed choices");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("refuses a second directory argument", async () => {
    const cwd = scratch();

    const run = await runCli(["one", "two", "--yes"], { cwd });

    expectOneLineRefusal(run);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("does not wait for input without a terminal: no directory is a quick error naming the argument", async () => {
    const cwd = scratch();
    const started = Date.now();

    const run = await runCli([], { cwd, timeoutMs: 10_000 });

    expect(run.signal).toBeNull();
    expect(expectOneLineRefusal(run)).toBe(
      "create-layered-service: Missing project directory: create-layered-service <dir> (or run it in a terminal to be asked)",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe("create-layered-service --version and --help", () => {
  it("prints the package version", async () => {
    const run = await runCli(["--version"], { cwd: scratch() });

    expect(run.exitCode).toBe(0);
    expect(run.stdout.trim()).toBe(packageVersion);
  });

  it("lists every flag and says what --force keeps", async () => {
    const run = await runCli(["--help"], { cwd: scratch() });

    expect(run.exitCode).toBe(0);
    for (const flag of [
      "--yes",
      "--db",
      "--package-manager",
      "--no-install",
      "--no-git",
      "--dry-run",
      "--force",
      "--json",
      "--help",
      "--version",
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toMatch(/every other file\s+in <dir> is kept/);
  });
});

describe("create-layered-service writes a project", () => {
  it("lists the files of a dry run and writes nothing", async () => {
    const cwd = scratch();

    const run = await runCli(["nested/app", "--dry-run"], { cwd });

    expect(run.exitCode).toBe(0);
    for (const file of ["package.json", ".gitignore", "layered-service.json"]) {
      expect(lines(run.stdout).map((line) => line.trim())).toContain(file);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("writes with --yes --no-install --no-git exactly the files its dry run listed", async () => {
    const cwd = scratch();
    const dryRun = await runCli(["my-service", "--dry-run", "--json"], { cwd });
    const planned = (JSON.parse(dryRun.stdout) as Summary).files;

    const run = await runCli(["my-service", "--yes", "--no-install", "--no-git"], { cwd });

    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("");
    const projectDir = path.join(cwd, "my-service");
    expect(listFiles(projectDir)).toEqual(planned);
    expect(planned).toEqual(expect.arrayContaining([".gitignore", "package.json", "layered-service.json"]));
    expect(planned.filter((file) => file.endsWith(".hbs") || path.basename(file) === "_gitignore")).toEqual([]);
    const packageJson = JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8")) as { name: string };
    expect(packageJson.name).toBe("my-service");
    expect(JSON.parse(readFileSync(path.join(projectDir, "layered-service.json"), "utf8"))).toEqual({
      generator: "create-layered-service",
      version: packageVersion,
      project: { name: "my-service", db: "pglite" },
      entities: [],
    });
    expect(readFileSync(path.join(projectDir, ".gitignore"), "utf8")).toContain("node_modules/");
    expect(existsSync(path.join(projectDir, ".git"))).toBe(false);
    expect(readdirSync(cwd)).toEqual(["my-service"]);
    expect(run.stdout).toContain("cd my-service");
    expect(run.stdout).not.toContain("DATABASE_URL");
  });

  it("tells a PostgreSQL project to set DATABASE_URL before it starts, in its next steps and its README", async () => {
    const cwd = scratch();

    const run = await runCli(["api", "--yes", "--db", "postgres", "--no-install", "--no-git"], { cwd });

    expect(run.exitCode).toBe(0);
    const steps = lines(run.stdout.slice(run.stdout.indexOf("Next steps:")));
    const setUrl = steps.findIndex((line) => line.includes("cp .env.example .env") && line.includes("DATABASE_URL"));
    expect(setUrl).toBeGreaterThan(0);
    expect(setUrl).toBeLessThan(steps.findIndex((line) => line.trim() === "npm run dev"));
    const readme = readFileSync(path.join(cwd, "api", "README.md"), "utf8");
    expect(readme.indexOf("DATABASE_URL")).toBeLessThan(readme.indexOf("npm run dev"));
    expect(readme).not.toContain("embedded PostgreSQL (PGlite), reloading");
  });

  it("prints a JSON summary that lists the files it wrote and the steps it ran", async () => {
    const cwd = scratch();

    const run = await runCli(["api", "--json", "--db", "postgres", "--package-manager", "pnpm", "--no-install", "--no-git"], {
      cwd,
    });

    expect(run.exitCode).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.targetDir).toBe(path.join(cwd, "api"));
    expect(summary.dryRun).toBe(false);
    expect(summary.options).toEqual({
      name: "api",
      db: "postgres",
      packageManager: "pnpm",
      install: false,
      git: false,
      force: false,
    });
    expect(summary.files).toEqual(listFiles(path.join(cwd, "api")));
    expect(summary.steps.map(({ step, status }) => `${step}:${status}`)).toEqual([
      "write:done",
      "install:skipped",
      "prisma-generate:skipped",
      "git:skipped",
    ]);
    expect(JSON.parse(readFileSync(path.join(cwd, "api", "layered-service.json"), "utf8"))).toMatchObject({
      project: { name: "api", db: "postgres" },
    });
  });

  it("takes the package manager that ran it as the default", async () => {
    const cwd = scratch();
    const env = cliEnvironment({ npm_config_user_agent: "yarn/4.9.1 npm/? node/v24.1.0 linux x64" });

    const run = await runCli(["api", "--json", "--dry-run"], { cwd, env });

    expect((JSON.parse(run.stdout) as Summary).options.packageManager).toBe("yarn");
  });

  it("writes into a non-empty directory with --force, replacing template files and keeping the others", async () => {
    const cwd = scratch();
    const projectDir = path.join(cwd, "existing");
    mkdirSync(path.join(projectDir, "docs"), { recursive: true });
    writeFileSync(path.join(projectDir, "docs", "notes.md"), "keep me\n");
    writeFileSync(path.join(projectDir, "package.json"), "{}\n");

    const run = await runCli(["existing", "--force", "--yes", "--no-install", "--no-git", "--json"], { cwd });

    expect(run.exitCode).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.overwritten).toEqual(["package.json"]);
    expect(readFileSync(path.join(projectDir, "docs", "notes.md"), "utf8")).toBe("keep me\n");
    expect((JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8")) as { name: string }).name).toBe(
      "existing",
    );
    expect(listFiles(projectDir)).toEqual([...summary.files, "docs/notes.md"].sort());
    expect(readdirSync(cwd)).toEqual(["existing"]);
  });

  it("writes into an existing empty directory without replacing the directory itself", async () => {
    const cwd = scratch();
    const projectDir = path.join(cwd, "empty");
    mkdirSync(projectDir);
    const before = statSync(projectDir).ino;

    const run = await runCli([".", "--yes", "--no-install", "--no-git"], { cwd: projectDir });

    expect(run.exitCode).toBe(0);
    expect(statSync(projectDir).ino).toBe(before);
    expect(listFiles(projectDir)).toEqual(expect.arrayContaining(["package.json", ".gitignore", "layered-service.json"]));
    expect((JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8")) as { name: string }).name).toBe("empty");
    expect(readdirSync(cwd)).toEqual(["empty"]);
  });

  it("refuses --force when a template file would have to replace a directory, before writing anything", async () => {
    const cwd = scratch();
    const projectDir = path.join(cwd, "existing");
    mkdirSync(path.join(projectDir, "package.json"), { recursive: true });
    writeFileSync(path.join(projectDir, "keep.txt"), "keep\n");

    const run = await runCli(["existing", "--force", "--yes", "--no-install", "--no-git"], { cwd });

    expect(expectOneLineRefusal(run)).toContain("Cannot write package.json");
    expect(listFiles(projectDir)).toEqual(["keep.txt"]);
    expect(readdirSync(cwd)).toEqual(["existing"]);
  });
});

const hasGit = spawnSync("git", ["--version"]).status === 0;

describe("create-layered-service and git", () => {
  it.runIf(hasGit)("makes the project a git repository with one commit holding every file", async () => {
    const cwd = scratch();

    const run = await runCli(["tracked", "--yes", "--no-install"], { cwd });

    expect(run.exitCode).toBe(0);
    const projectDir = path.join(cwd, "tracked");
    const log = spawnSync("git", ["log", "--format=%s"], { cwd: projectDir, encoding: "utf8" });
    expect(lines(log.stdout)).toHaveLength(1);
    const tracked = spawnSync("git", ["ls-files"], { cwd: projectDir, encoding: "utf8" });
    expect(lines(tracked.stdout).sort()).toEqual(listFiles(projectDir).filter((file) => !file.startsWith(".git/")));
    const status = spawnSync("git", ["status", "--porcelain"], { cwd: projectDir, encoding: "utf8" });
    expect(status.stdout).toBe("");
  });

  it.runIf(hasGit)("warns and leaves no half-made repository when git cannot commit", async () => {
    const cwd = scratch();
    const gitConfig = path.join(cwd, "gitconfig");
    writeFileSync(gitConfig, "[user]\n\tuseConfigOnly = true\n");
    const identity = ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"];
    const env = Object.fromEntries(
      Object.entries(cliEnvironment({ GIT_CONFIG_GLOBAL: gitConfig, GIT_CONFIG_NOSYSTEM: "1" })).filter(
        ([key]) => !identity.includes(key),
      ),
    );

    const run = await runCli(["anonymous", "--yes", "--no-install"], { cwd, env });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/warning: No git repository: git commit failed/);
    expect(existsSync(path.join(cwd, "anonymous", ".git"))).toBe(false);
    expect(existsSync(path.join(cwd, "anonymous", "package.json"))).toBe(true);
  });

  it("skips git without a word when git is not installed", async () => {
    const cwd = scratch();
    const emptyBin = path.join(cwd, "empty-bin");
    mkdirSync(emptyBin);

    const run = await runCli(["../app", "--yes", "--no-install", "--json"], {
      cwd: emptyBin,
      env: cliEnvironment({ PATH: emptyBin }),
    });

    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("");
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.steps.find((step) => step.step === "git")).toMatchObject({ status: "skipped" });
    expect(existsSync(path.join(cwd, "app", ".git"))).toBe(false);
  });
});

describe("create-layered-service installs dependencies", () => {
  /**
   * A stand-in `npm` that records how it was called and "installs" a prisma package that records
   * its own call, so that the steps can be checked without a registry.
   */
  function fakeNpm(root: string, exitCode = 0): { bin: string; log: string } {
    const bin = path.join(root, "fake-bin");
    const log = path.join(root, "calls.log");
    mkdirSync(bin);
    const fakePrisma = [
      'const { appendFileSync } = require("node:fs");',
      `appendFileSync(${JSON.stringify(log)}, \`prisma \${process.argv.slice(2).join(" ")} cwd=\${process.cwd()} engine=\${process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? ""}\\n\`);`,
    ].join("\n");
    const npm = [
      "#!/bin/sh",
      `echo "npm $* cwd=$(pwd)" >> "${log}"`,
      "echo 'some install output'",
      `[ ${String(exitCode)} -eq 0 ] || { echo 'npm ERR! the registry went away' >&2; exit ${String(exitCode)}; }`,
      "mkdir -p node_modules/prisma/build",
      "touch node_modules/prisma/build/schema_engine_bg.wasm",
      `echo '{"name":"prisma","version":"0.0.0"}' > node_modules/prisma/package.json`,
      `cat > node_modules/prisma/build/index.js <<'SCRIPT'\n${fakePrisma}\nSCRIPT`,
    ].join("\n");
    writeFileSync(path.join(bin, "npm"), `${npm}\n`);
    chmodSync(path.join(bin, "npm"), 0o755);
    symlinkSync(process.execPath, path.join(bin, "node"));
    return { bin, log };
  }

  /** The fake bin first; the system's tools (sh, mkdir...) after it; no engine chosen by the caller. */
  function installEnvironment(bin: string): NodeJS.ProcessEnv {
    const env = cliEnvironment({ PATH: [bin, "/usr/bin", "/bin"].join(path.delimiter) });
    delete env.PRISMA_SCHEMA_ENGINE_BINARY;
    return env;
  }

  it("runs the install in the new project, then prisma generate with a stand-in schema engine", async () => {
    const cwd = scratch();
    const { bin, log } = fakeNpm(cwd);

    const run = await runCli(["installed", "--yes", "--no-git", "--json"], { cwd, env: installEnvironment(bin) });

    expect(run.exitCode).toBe(0);
    const projectDir = path.join(cwd, "installed");
    expect(lines(readFileSync(log, "utf8"))).toEqual([
      `npm install cwd=${projectDir}`,
      `prisma generate cwd=${projectDir} engine=${path.join(projectDir, "node_modules", "prisma", "build", "schema_engine_bg.wasm")}`,
    ]);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary.steps.map(({ step, status }) => `${step}:${status}`)).toEqual([
      "write:done",
      "install:done",
      "prisma-generate:done",
      "git:skipped",
    ]);
    // Progress goes to stderr, out of the way of the JSON.
    expect(run.stderr).toContain("Installing dependencies with npm");
    expect(run.stderr).toContain("PRISMA_SCHEMA_ENGINE_BINARY");
  });

  it("shows progress on stdout without --json, and no install command among the next steps", async () => {
    const cwd = scratch();
    const { bin } = fakeNpm(cwd);

    const run = await runCli(["installed", "--yes", "--no-git"], { cwd, env: installEnvironment(bin) });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Installing dependencies with npm...");
    expect(run.stdout).toContain("Generating the Prisma client...");
    expect(run.stdout).toContain("npm run dev");
    expect(run.stdout).not.toContain("npm install");
  });

  it("fails with the end of the installer's output when the install fails, keeping the written project", async () => {
    const cwd = scratch();
    const { bin } = fakeNpm(cwd, 3);

    const run = await runCli(["broken", "--yes", "--no-git"], { cwd, env: installEnvironment(bin) });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("npm ERR! the registry went away");
    expect(lines(run.stderr).at(-1)).toBe("create-layered-service: npm install failed (exit code 3)");
    expect(existsSync(path.join(cwd, "broken", "package.json"))).toBe(true);
  });

  it("names the missing package manager when it is not installed", async () => {
    const cwd = scratch();
    const { bin } = fakeNpm(cwd);

    const run = await runCli(["app", "--yes", "--no-git", "--package-manager", "bun"], {
      cwd,
      env: installEnvironment(bin),
    });

    expect(run.exitCode).toBe(1);
    expect(lines(run.stderr).at(-1)).toMatch(/^create-layered-service: bun was not found on PATH/);
  });
});
