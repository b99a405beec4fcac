/**
 * Completes the raw options into a project request: on a terminal by asking for what the flags
 * left open, elsewhere by leaving the defaults to normalize and refusing what has none.
 */
import { confirm, intro, isCancel, select, text } from "@clack/prompts";
import { GeneratorError, isGeneratorError } from "../errors.js";
import { generatorPackage } from "../paths.js";
import { packageManagers, type Database, type PackageManager } from "../shared/choices.js";
import { detectPackageManager, normalize, type ProjectRequest } from "./normalize.js";
import type { RawOptions } from "./options.js";
import { inspectTarget } from "./place.js";

export const missingDirectoryMessage =
  "Missing project directory: create-layered-service <dir> (or run it in a terminal to be asked)";

export interface PromptContext {
  /** True when a person can answer: stdin and stdout are a terminal, and no JSON was asked for. */
  interactive: boolean;
}

export async function completeOptions(options: RawOptions, context: PromptContext): Promise<ProjectRequest> {
  const request: ProjectRequest = {
    directory: options.directory ?? "",
    db: options.db,
    packageManager: options.packageManager,
    install: options.install,
    git: options.git,
    force: options.force,
    dryRun: options.dryRun,
  };
  if (!context.interactive) {
    if (options.directory === undefined) throw new GeneratorError(missingDirectoryMessage);
    return request;
  }

  if (options.directory !== undefined) {
    // Refuse a bad directory before asking anything else.
    const problem = directoryProblem(options.directory, options.force);
    if (problem !== undefined) throw new GeneratorError(problem);
  }
  intro(`${generatorPackage.name} ${generatorPackage.version}`);
  if (options.directory === undefined) {
    request.directory = answer(
      await text({
        message: "Where should the project go?",
        placeholder: "my-service",
        validate: (value) => directoryProblem(value ?? "", options.force),
      }),
    );
  }
  if (options.yes) return request;

  request.db ??= answer(
    await select<Database>({
      message: "Which database?",
      options: [
        { value: "pglite", label: "PGlite", hint: "PostgreSQL embedded in the process; nothing to run" },
        { value: "postgres", label: "PostgreSQL server", hint: "through DATABASE_URL" },
      ],
      initialValue: "pglite",
    }),
  );
  request.packageManager ??= answer(
    await select<PackageManager>({
      message: "Which package manager?",
      options: packageManagers.map((value) => ({ value })),
      initialValue: detectPackageManager(process.env.npm_config_user_agent),
    }),
  );
  if (!options.dryRun) {
    request.install ??= answer(await confirm({ message: "Install dependencies?", initialValue: true }));
    request.git ??= answer(await confirm({ message: "Initialize a git repository?", initialValue: true }));
  }
  return request;
}

/** Why the project cannot go to `directory`, in the words normalize and the target check use. */
function directoryProblem(directory: string, force: boolean): string | undefined {
  if (directory.trim() === "") return "Enter a directory";
  try {
    inspectTarget(normalize({ directory }).targetDir, force);
    return undefined;
  } catch (error) {
    if (isGeneratorError(error)) return error.message;
    throw error;
  }
}

function answer<T>(value: T): Exclude<T, symbol> {
  if (isCancel(value)) {
    throw new GeneratorError("cancelled; nothing was written");
  }
  return value as Exclude<T, symbol>;
}
