/**
 * Renders the entity templates for a view model: the package's templates/entity/, where a file of
 * the project's own templates/entity/ with the same relative path takes the place of the package's.
 * `__entity__` in a path becomes the entity's kebab-case name and a trailing `.hbs` is dropped.
 * They render through the same Handlebars setup as the project template (shared/render-template.ts).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { entityTemplateDir } from "../paths.js";
import { renderTemplate } from "../shared/render-template.js";
import type { EntityView } from "./view-model.js";

export const projectTemplateOverrideDir = path.join("templates", "entity");

export interface RenderedFile {
  /** Relative to the project, with forward slashes. */
  readonly path: string;
  readonly content: string;
  /** Where the template came from, relative to its templates/entity/ folder. */
  readonly template: string;
  readonly overridden: boolean;
}

export function renderEntityFiles(view: EntityView, projectDir: string): RenderedFile[] {
  const overrideDir = path.join(projectDir, projectTemplateOverrideDir);
  return listTemplates(entityTemplateDir).map((template) => {
    const override = path.join(overrideDir, template);
    const overridden = existsSync(override);
    const source = readFileSync(overridden ? override : path.join(entityTemplateDir, template), "utf8");
    const content = renderTemplate(source, view);
    return { path: outputPath(template, view.entity.kebab), content, template, overridden };
  });
}

export function outputPath(template: string, kebab: string): string {
  const withoutHbs = template.endsWith(".hbs") ? template.slice(0, -".hbs".length) : template;
  return withoutHbs.replaceAll("__entity__", kebab);
}

function listTemplates(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
