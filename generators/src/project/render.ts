/**
 * Renders templates/project into a directory with node-plop.
 *
 * Template conventions: every file is a Handlebars template (file names too), and a file that holds
 * template syntax ends in `.hbs`, which is dropped from the output name; `_gitignore` becomes
 * `.gitignore`, because npm leaves files named .gitignore out of a published package.
 */
import { existsSync, readdirSync } from "node:fs";
import { readdir, rename } from "node:fs/promises";
import path from "node:path";
import nodePlop, { type AddManyActionConfig, type NodePlopAPI } from "node-plop";
import { projectTemplateDir } from "../paths.js";
import { renderTemplate } from "../shared/render-template.js";
import type { ViewModel } from "./normalize.js";

/**
 * Renders the project template for `viewModel` into `destinationDir`, which must be empty or not
 * exist, and returns the written files as sorted paths relative to it, with forward slashes.
 */
export async function renderProject(viewModel: ViewModel, destinationDir: string): Promise<string[]> {
  if (!existsSync(projectTemplateDir)) {
    throw new Error(`The project template is missing: ${projectTemplateDir}`);
  }
  if (existsSync(destinationDir) && readdirSync(destinationDir).length > 0) {
    throw new Error(`Cannot render the project into ${destinationDir}: it is not empty`);
  }

  const plop = await nodePlop(undefined, { destBasePath: destinationDir, force: false });
  // node-plop's types ask addMany for a `path`; addMany makes one per file from `destination`.
  const addTemplateFiles = {
    type: "addMany",
    destination: ".",
    base: projectTemplateDir,
    templateFiles: "**/*",
    globOptions: { dot: true, cwd: projectTemplateDir },
    // Output names are finished below, in one place: plop's own stripping skips `Dockerfile.hbs`.
    stripExtensions: [],
    verbose: false,
    abortOnFail: true,
  } satisfies Omit<AddManyActionConfig, "path">;
  const generator = plop.setGenerator("project", {
    description: "a new layered service",
    prompts: [],
    actions: [renderWithSharedSetup, addTemplateFiles],
  });
  const { failures } = await generator.runActions({ ...viewModel });
  const failure = failures.find((entry) => entry.error !== "Aborted due to previous action failure");
  if (failure !== undefined) {
    throw new Error(`Rendering the project template failed: ${failure.error}`);
  }

  const rendered = await listFiles(destinationDir);
  const files: string[] = [];
  for (const file of rendered) {
    const finished = outputName(file);
    if (finished !== file) {
      if (rendered.includes(finished)) {
        throw new Error(`The project template writes ${finished} twice: as ${finished} and as ${file}`);
      }
      await rename(path.join(destinationDir, file), path.join(destinationDir, finished));
    }
    files.push(finished);
  }
  return files.sort();
}

/** The name a rendered template file ends up with. */
export function outputName(file: string): string {
  const withoutHbs = file.endsWith(".hbs") ? file.slice(0, -".hbs".length) : file;
  const base = path.posix.basename(withoutHbs);
  return base === "_gitignore" ? path.posix.join(path.posix.dirname(withoutHbs), ".gitignore") : withoutHbs;
}

/**
 * node-plop renders every file name and content through `renderString` on the API object it hands
 * to actions, with its own HTML-escaping Handlebars. This first action replaces it, for this
 * node-plop instance only, with the setup entity templates render with too.
 */
function renderWithSharedSetup(_answers: object, _config: object, plop: NodePlopAPI): string {
  plop.renderString = (template: string, data: unknown): string => renderTemplate(template, data as object);
  return "templates render with the shared Handlebars setup";
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}
