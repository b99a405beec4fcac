/**
 * Turns a project request (flags, prompt answers or a programmatic call) into validated options and
 * the view model that every template of templates/project renders from. All decisions about the
 * answers are made here, once; the templates only read the result.
 */
import path from "node:path";
import validateNpmPackageName from "validate-npm-package-name";
import { GeneratorError } from "../errors.js";
import { generatorPackage } from "../paths.js";
import {
  databases,
  isDatabase,
  isPackageManager,
  packageManagerCommands,
  packageManagers,
  type Database,
  type PackageManager,
} from "../shared/choices.js";

export interface ProjectRequest {
  /** Where to create the project, absolute or relative to the working directory. Its base name is the package name. */
  directory: string;
  /** Default: pglite. */
  db?: Database | undefined;
  /** Default: the package manager that runs this process, else npm. */
  packageManager?: PackageManager | undefined;
  /** Install dependencies and generate the Prisma client. Default: true. */
  install?: boolean | undefined;
  /** Initialize a git repository with a first commit. Default: true. */
  git?: boolean | undefined;
  /** Write into a non-empty directory: files the template writes are overwritten, others are kept. */
  force?: boolean | undefined;
  /** Report the files that would be written, and write nothing. */
  dryRun?: boolean | undefined;
}

/** The data every project template renders from. */
export interface ViewModel {
  name: string;
  db: Database;
  pglite: boolean;
  postgres: boolean;
  packageManager: PackageManager;
  generatorVersion: string;
  runCmd: string;
  installCmd: string;
  execCmd: string;
}

export interface NormalizedProject {
  /** Absolute path of the project directory. */
  targetDir: string;
  name: string;
  db: Database;
  packageManager: PackageManager;
  install: boolean;
  git: boolean;
  force: boolean;
  dryRun: boolean;
  viewModel: ViewModel;
}

/** What normalize reads from the running process; tests pass their own. */
export interface NormalizeEnvironment {
  cwd: string;
  /** `npm_config_user_agent`, set by npm, pnpm, yarn and bun for the commands they run. */
  userAgent: string | undefined;
}

export function processEnvironment(): NormalizeEnvironment {
  return { cwd: process.cwd(), userAgent: process.env.npm_config_user_agent };
}

export function normalize(
  request: ProjectRequest,
  environment: NormalizeEnvironment = processEnvironment(),
): NormalizedProject {
  if (request.directory.trim() === "") {
    throw new GeneratorError("Missing project directory");
  }
  const targetDir = path.resolve(environment.cwd, request.directory);
  const name = path.basename(targetDir);
  const [problem] = projectNameProblems(name);
  if (problem !== undefined) {
    throw new GeneratorError(`Invalid project name "${name}" (the name of the directory): ${problem}`);
  }

  const db = request.db ?? "pglite";
  if (!isDatabase(db)) {
    throw new GeneratorError(`Unknown database "${String(db)}": choose one of ${databases.join(", ")}`);
  }
  const packageManager = request.packageManager ?? detectPackageManager(environment.userAgent);
  if (!isPackageManager(packageManager)) {
    throw new GeneratorError(
      `Unknown package manager "${String(packageManager)}": choose one of ${packageManagers.join(", ")}`,
    );
  }

  return {
    targetDir,
    name,
    db,
    packageManager,
    install: request.install ?? true,
    git: request.git ?? true,
    force: request.force ?? false,
    dryRun: request.dryRun ?? false,
    viewModel: {
      name,
      db,
      pglite: db === "pglite",
      postgres: db === "postgres",
      packageManager,
      generatorVersion: generatorPackage.version,
      ...packageManagerCommands[packageManager],
    },
  };
}

/** The package manager named first in a user agent such as `pnpm/10.2.0 npm/? node/v24.1.0 linux x64`. */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split("/", 1)[0]?.trim() ?? "";
  return isPackageManager(name) ? name : "npm";
}

/**
 * Why a name cannot be published as a new npm package, as npm's validate-npm-package-name says:
 * its errors, then its warnings (warnings only spare names published long ago). Empty when the
 * name is valid for a new package.
 */
export function projectNameProblems(name: string): string[] {
  const result = validateNpmPackageName(name);
  if (result.validForNewPackages) return [];
  return [...(result.errors ?? []), ...(result.warnings ?? [])];
}
