/**
 * What the CLI prints once the project is made: the files and the next commands for a person, or
 * one JSON document for a program.
 */
import { note, outro } from "@clack/prompts";
import { displayPath } from "./place.js";
import type { CreateProjectResult, StepOutcome } from "./create-project.js";

export interface SummaryJson {
  targetDir: string;
  dryRun: boolean;
  options: {
    name: string;
    db: string;
    packageManager: string;
    install: boolean;
    git: boolean;
    force: boolean;
  };
  files: string[];
  overwritten: string[];
  steps: StepOutcome[];
}

export function summaryJson(result: CreateProjectResult): SummaryJson {
  const { project } = result;
  return {
    targetDir: project.targetDir,
    dryRun: project.dryRun,
    options: {
      name: project.name,
      db: project.db,
      packageManager: project.packageManager,
      install: project.install,
      git: project.git,
      force: project.force,
    },
    files: result.files,
    overwritten: result.overwritten,
    steps: result.steps,
  };
}

/** The commands to run next, one a line. */
export function nextSteps(result: CreateProjectResult, cwd = process.cwd()): string[] {
  const { project } = result;
  const { runCmd, installCmd, execCmd } = project.viewModel;
  const where = displayPath(project.targetDir, cwd);
  return [
    ...(where === "." ? [] : [`cd ${quoteForShell(where)}`]),
    ...(project.install ? [] : [installCmd, `${runCmd} db:generate`]),
    // The service needs its server before anything starts; `dev` reads .env.
    ...(project.db === "postgres" ? ["cp .env.example .env   # then set DATABASE_URL in .env to your PostgreSQL server"] : []),
    `${runCmd} dev`,
    `${execCmd} plop entity Product "name:string price:decimal(12,2) stock:int:default(0)"`,
  ];
}

export interface SummaryOutput {
  json: boolean;
  interactive: boolean;
}

export function printSummary(result: CreateProjectResult, output: SummaryOutput): void {
  if (output.json) {
    process.stdout.write(`${JSON.stringify(summaryJson(result), null, 2)}\n`);
    return;
  }
  const { project } = result;
  const where = displayPath(project.targetDir);
  if (project.dryRun) {
    const replaces = (file: string): string => (result.overwritten.includes(file) ? "  (replaces the existing file)" : "");
    const lines = [
      `Dry run: would write ${String(result.files.length)} files to ${where}, and nothing was written:`,
      ...result.files.map((file) => `  ${file}${replaces(file)}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return;
  }
  const location = where === project.name ? "" : ` in ${where === "." ? "the current directory" : where}`;
  const count = `${String(result.files.length)} files`;
  const replaced = result.overwritten.length > 0 ? `, ${String(result.overwritten.length)} replacing existing ones` : "";
  const created = `Created ${project.name}${location} (${count}${replaced}).`;
  const steps = nextSteps(result);
  if (output.interactive) {
    note(steps.join("\n"), "Next steps");
    outro(created);
    return;
  }
  process.stdout.write(`${created}\n\nNext steps:\n${steps.map((line) => `  ${line}`).join("\n")}\n`);
}

function quoteForShell(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
