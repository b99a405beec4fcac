/**
 * Parses the command line into raw options. An option the user did not give stays undefined, so
 * that the prompts know what to ask and normalize knows what to default.
 */
import { Command, Option } from "commander";
import { generatorPackage } from "../paths.js";
import { databases, packageManagers, type Database, type PackageManager } from "../shared/choices.js";

export interface RawOptions {
  directory: string | undefined;
  yes: boolean;
  db: Database | undefined;
  packageManager: PackageManager | undefined;
  install: boolean | undefined;
  git: boolean | undefined;
  dryRun: boolean;
  force: boolean;
  json: boolean;
}

interface CommanderValues {
  yes?: true;
  db?: Database;
  packageManager?: PackageManager;
  install: boolean;
  git: boolean;
  dryRun?: true;
  force?: true;
  json?: true;
}

const afterHelp = `
With --force, files that the template writes replace the ones already in <dir>; every other file
in <dir> is kept. Without it, a <dir> that is not empty is refused.

Run in a terminal, it asks for whatever the flags leave open. Without one, it takes the defaults
and never waits for input.

Examples:
  npx create-layered-service my-service
  npx create-layered-service my-service --yes --db postgres --package-manager pnpm
  npx create-layered-service my-service --dry-run --json
`;

export function createProgram(): Command {
  return new Command(generatorPackage.name)
    .description("Create a TypeScript backend service in layers: domain, Prisma repository, service and tRPC router.")
    .argument("[dir]", "directory to create; its name becomes the package name")
    .option("-y, --yes", "take the default for every question")
    .addOption(
      new Option("--db <database>", "database: embedded PGlite or a PostgreSQL server (default: pglite)").choices(
        databases,
      ),
    )
    .addOption(
      new Option(
        "--package-manager <name>",
        "package manager (default: the one running this command, else npm)",
      ).choices(packageManagers),
    )
    .option("--no-install", "do not install dependencies (nor generate the Prisma client)")
    .option("--no-git", "do not initialize a git repository")
    .option("--dry-run", "list the files it would write, and write nothing")
    .option("--force", "write into a non-empty directory (see below)")
    .option("--json", "print a machine-readable summary on stdout; never asks")
    .version(generatorPackage.version, "-v, --version", "print the version")
    .helpOption("-h, --help", "print this help")
    .addHelpText("after", afterHelp)
    .allowExcessArguments(false)
    .showSuggestionAfterError(true)
    // Errors come back as a CommanderError, for the CLI to print as one line; help and version
    // are still written by commander itself.
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
}

/** Parses `argv` as found in `process.argv`. Throws a CommanderError for bad input, help and version. */
export function parseOptions(argv: readonly string[]): RawOptions {
  const program = createProgram();
  program.parse(argv, { from: "node" });
  const values = program.opts<CommanderValues>();
  const given = (key: keyof CommanderValues): boolean => program.getOptionValueSource(key) === "cli";
  return {
    directory: program.args[0],
    yes: values.yes === true,
    db: values.db,
    packageManager: values.packageManager,
    install: given("install") ? values.install : undefined,
    git: given("git") ? values.git : undefined,
    dryRun: values.dryRun === true,
    force: values.force === true,
    json: values.json === true,
  };
}
