/**
 * Formats what the generators write with Prettier, as the project's own `format` script would: with
 * the project's Prettier configuration (a user who changes printWidth gets files in that style), or
 * the one new projects get where it has none, and leaving alone the files that the project's
 * .prettierignore or .gitignore lists or that Prettier has no parser for (schema.prisma, SQL).
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as prettier from "prettier";
import { GeneratorError } from "../errors.js";
import { projectTemplateDir } from "../paths.js";

export interface SourceFile {
  /** Relative to the project, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** The configuration of a new project, for a project that has none of its own. */
export const templateConfigFile = path.join(projectTemplateDir, ".prettierrc.yaml");

/** `files` as Prettier formats them in `projectDir`, in the same order. */
export async function formatSources(projectDir: string, files: readonly SourceFile[]): Promise<SourceFile[]> {
  // The configuration may have changed since an earlier run in this process.
  await prettier.clearConfigCache();
  return Promise.all(files.map(async (file) => ({ path: file.path, content: await formatSource(projectDir, file) })));
}

/** Formats the files at `relativePaths` of `projectDir` where they are. */
export async function formatFilesInPlace(projectDir: string, relativePaths: readonly string[]): Promise<void> {
  const files = await Promise.all(
    relativePaths.map(async (relative) => ({ path: relative, content: await readFile(path.join(projectDir, relative), "utf8") })),
  );
  const formatted = await formatSources(projectDir, files);
  const changed = formatted.filter((file, index) => file.content !== files[index]?.content);
  await Promise.all(changed.map((file) => writeFile(path.join(projectDir, file.path), file.content)));
}

async function formatSource(projectDir: string, file: SourceFile): Promise<string> {
  const filepath = path.join(projectDir, file.path);
  const ignorePath = [path.join(projectDir, ".gitignore"), path.join(projectDir, ".prettierignore")];
  const { ignored, inferredParser } = await prettier.getFileInfo(filepath, { ignorePath });
  if (ignored || inferredParser === null) return file.content;
  const options =
    (await prettier.resolveConfig(filepath, { editorconfig: true })) ??
    (await prettier.resolveConfig(filepath, { config: templateConfigFile }));
  try {
    return await prettier.format(file.content, { ...options, filepath });
  } catch (error) {
    // Most often a template of the project's own templates/entity/ that renders invalid code.
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw new GeneratorError(`${file.path} could not be formatted: ${reason}`);
  }
}
