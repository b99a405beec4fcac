import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { entityTemplateDir, projectTemplateDir } from "../../../generators/src/paths.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { outputName, renderProject } from "../../../generators/src/project/render.js";
import { scratchDirectories } from "../../support/scratch.js";

const scratch = scratchDirectories("cls-render-");

function templateFiles(): string[] {
  return readdirSync(projectTemplateDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectTemplateDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

const viewModel = normalize({ directory: "shop" }, { cwd: "/tmp", userAgent: undefined }).viewModel;

describe("the templates", () => {
  it("end in .hbs wherever they hold template syntax", () => {
    const withSyntax = [projectTemplateDir, entityTemplateDir].flatMap((root) =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !entry.name.endsWith(".hbs"))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .filter((file) => readFileSync(file, "utf8").includes("{{"))
        .map((file) => path.relative(root, file)),
    );
    expect(withSyntax).toEqual([]);
  });
});

describe("renderProject", () => {
  it("writes one file per template, under its output name, and returns them sorted", async () => {
    const destination = path.join(scratch(), "out");

    const files = await renderProject(viewModel, destination);

    expect(files).toEqual(templateFiles().map(outputName).sort());
    expect(files).toEqual([...files].sort());
    expect(files).toEqual(expect.arrayContaining([".gitignore", "package.json", "layered-service.json"]));
    for (const file of files) {
      expect(readFileSync(path.join(destination, file), "utf8")).not.toMatch(/\{\{\s*(name|db|generatorVersion)\s*\}\}/);
    }
  });

  it("renders values as they are, without HTML escaping", async () => {
    const destination = scratch();

    await renderProject({ ...viewModel, name: `a&b"c'd<e>` }, destination);

    const packageJson = readFileSync(path.join(destination, "package.json"), "utf8");
    expect(packageJson).toContain(`"name": "a&b"c'd<e>"`);
    expect(packageJson).not.toContain("&amp;");
  });

  it("writes the manifest that records how the project was made", async () => {
    const destination = scratch();

    await renderProject({ ...viewModel, db: "postgres", pglite: false, postgres: true }, destination);

    expect(JSON.parse(readFileSync(path.join(destination, "layered-service.json"), "utf8"))).toEqual({
      generator: "create-layered-service",
      version: viewModel.generatorVersion,
      project: { name: "shop", db: "postgres" },
      entities: [],
    });
  });

  it("refuses a destination that already holds files", async () => {
    const destination = scratch();
    writeFileSync(path.join(destination, "old.txt"), "old\n");

    await expect(renderProject(viewModel, destination)).rejects.toThrow("it is not empty");
    expect(readdirSync(destination)).toEqual(["old.txt"]);
  });
});

describe("outputName", () => {
  it.each([
    ["package.json.hbs", "package.json"],
    ["Dockerfile.hbs", "Dockerfile"],
    [".env.example.hbs", ".env.example"],
    ["src/main.ts.hbs", "src/main.ts"],
    ["src/main.ts", "src/main.ts"],
    ["_gitignore", ".gitignore"],
    ["nested/_gitignore.hbs", "nested/.gitignore"],
    ["templates/entity.hbs.hbs", "templates/entity.hbs"],
    ["my_gitignore", "my_gitignore"],
  ])("names the output of %s %s", (template, output) => {
    expect(outputName(template)).toBe(output);
  });
});
