import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { createProject, type Renderer } from "../../../generators/src/project/create-project.js";
import { scratchDirectories } from "../../support/scratch.js";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

const scratch = scratchDirectories("cls-create-");

/** Writes a few files, as a real render would, then fails half way. */
const failingRenderer: Renderer = async (_viewModel, destination) => {
  await mkdir(path.join(destination, "src"), { recursive: true });
  await writeFile(path.join(destination, "package.json"), "{}\n");
  await writeFile(path.join(destination, "src", "main.ts"), "export {};\n");
  throw new Error("the template broke half way");
};

const environment = (cwd: string) => ({ cwd, userAgent: undefined });

describe("createProject", () => {
  it("leaves neither the project nor its temporary directory when rendering fails half way", async () => {
    const cwd = scratch();

    await expect(
      createProject({ directory: "app", install: false, git: false }, { render: failingRenderer, environment: environment(cwd) }),
    ).rejects.toThrow("the template broke half way");

    expect(readdirSync(cwd)).toEqual([]);
  });

  it("also removes the parent directories it created for the project", async () => {
    const cwd = scratch();

    await expect(
      createProject({ directory: "apps/backend/app", install: false, git: false }, { render: failingRenderer, environment: environment(cwd) }),
    ).rejects.toThrow("the template broke half way");

    expect(readdirSync(cwd)).toEqual([]);
  });

  it("leaves a forced, non-empty target as it was when rendering fails", async () => {
    const cwd = scratch();
    mkdirSync(path.join(cwd, "app"));
    writeFileSync(path.join(cwd, "app", "package.json"), "mine\n");

    await expect(
      createProject({ directory: "app", force: true, install: false, git: false }, { render: failingRenderer, environment: environment(cwd) }),
    ).rejects.toThrow("the template broke half way");

    expect(readdirSync(cwd)).toEqual(["app"]);
    expect(readdirSync(path.join(cwd, "app"))).toEqual(["package.json"]);
    expect(readFileSync(path.join(cwd, "app", "package.json"), "utf8")).toBe("mine\n");
  });

  it("renders a dry run away from the target, leaving its parent untouched", async () => {
    const cwd = scratch();
    const rendered: string[] = [];
    const recordingRenderer: Renderer = async (_viewModel, destination) => {
      rendered.push(destination);
      await writeFile(path.join(destination, "package.json"), "{}\n");
      return ["package.json"];
    };

    const result = await createProject({ directory: "app", dryRun: true }, { render: recordingRenderer, environment: environment(cwd) });

    expect(result.files).toEqual(["package.json"]);
    expect(result.steps).toEqual([]);
    expect(readdirSync(cwd)).toEqual([]);
    expect(rendered[0]?.startsWith(cwd)).toBe(false);
    expect(existsSync(rendered[0] ?? "")).toBe(false);
  });

  it("moves the rendered project into place and reports the steps it skipped", async () => {
    const cwd = scratch();

    const result = await createProject({ directory: "app", install: false, git: false }, { environment: environment(cwd) });

    expect(readdirSync(cwd)).toEqual(["app"]);
    expect((await readdir(path.join(cwd, "app"))).sort()).toEqual(
      expect.arrayContaining([".gitignore", "layered-service.json", "package.json"]),
    );
    expect(result.project.targetDir).toBe(path.join(cwd, "app"));
    expect(result.overwritten).toEqual([]);
    expect(result.steps.map((step) => `${step.step}:${step.status}`)).toEqual([
      "write:done",
      "install:skipped",
      "prisma-generate:skipped",
      "git:skipped",
    ]);
  });

  it("formats every file it writes that Prettier handles, with the new project's configuration", async () => {
    const cwd = scratch();

    const result = await createProject({ directory: "app", install: false, git: false }, { environment: environment(cwd) });

    const projectDir = path.join(cwd, "app");
    const checked: string[] = [];
    for (const file of result.files) {
      const filepath = path.join(projectDir, file);
      const info = await prettier.getFileInfo(filepath, { ignorePath: path.join(projectDir, ".prettierignore") });
      if (info.ignored || info.inferredParser === null) continue;
      const options = await prettier.resolveConfig(filepath);
      expect(await prettier.check(readFileSync(filepath, "utf8"), { ...options, filepath }), file).toBe(true);
      checked.push(file);
    }
    expect(checked).toEqual(expect.arrayContaining(["src/app.ts", "package.json", "eslint.config.js", ".github/workflows/ci.yml"]));
    expect(checked.filter((file) => /\.(prisma|sql|md)$/.test(file))).toEqual([]);
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "removes the temporary directory when %s stops it while rendering, and dies of the signal",
    async (signal) => {
      const cwd = scratch();
      const createProjectUrl = pathToFileURL(path.join(root, "generators", "dist", "project", "create-project.js")).href;
      // A render that writes a file, says so, and never finishes: the signal arrives mid-render.
      const script = `
        import { writeFile } from "node:fs/promises";
        import path from "node:path";
        const { createProject } = await import(${JSON.stringify(createProjectUrl)});
        const render = async (_viewModel, destination) => {
          await writeFile(path.join(destination, "package.json"), "{}");
          process.stdout.write("rendering " + destination + "\\n");
          await new Promise(() => setInterval(() => {}, 1000));
        };
        await createProject({ directory: "app", install: false, git: false }, { render });
      `;
      const child = spawn(process.execPath, ["--input-type=module", "--eval", script], {
        cwd,
        stdio: ["ignore", "pipe", "inherit"],
      });
      const stagingDir = await new Promise<string>((resolve) => {
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
          const match = /rendering (.+)\n/.exec(chunk);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
      });
      expect(existsSync(path.join(stagingDir, "package.json"))).toBe(true);

      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, received) => { resolve(received); }));
      child.kill(signal);

      expect(await exited).toBe(signal);
      expect(readdirSync(cwd)).toEqual([]);
    },
  );
});
