#!/usr/bin/env node
/**
 * create-layered-service [dir]: creates a new layered TypeScript service. Reads the flags, asks
 * for the rest on a terminal, creates the project and tells what to do next.
 */
import { CommanderError } from "commander";
import { isGeneratorError } from "./errors.js";
import { generatorPackage } from "./paths.js";
import { createProject } from "./project/create-project.js";
import { parseOptions } from "./project/options.js";
import { completeOptions } from "./project/prompts.js";
import { plainReporter, terminalReporter } from "./project/reporter.js";
import { CommandFailedError } from "./shared/run-command.js";
import { printSummary } from "./project/summary.js";
import { isTerminal } from "./terminal.js";

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  const interactive = !options.json && isTerminal(process.stdin) && isTerminal(process.stdout);
  const request = await completeOptions(options, { interactive });
  const reporter = interactive ? terminalReporter() : plainReporter(options.json ? process.stderr : process.stdout);
  const result = await createProject(request, { reporter });
  printSummary(result, { json: options.json, interactive });
}

function fail(error: unknown): void {
  if (error instanceof CommanderError && error.exitCode === 0) {
    // --help or --version, already printed.
    process.exitCode = 0;
    return;
  }
  process.exitCode = 1;
  if (error instanceof CommanderError) {
    report(oneLine(error.message.replace(/^error: /, "")));
  } else if (isGeneratorError(error)) {
    report(error.message);
  } else if (error instanceof CommandFailedError) {
    process.stderr.write(error.output.trimEnd().split("\n").slice(-30).join("\n") + "\n");
    report(error.message);
  } else {
    report(error instanceof Error ? error.message : String(error));
    if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  }
}

function report(message: string): void {
  process.stderr.write(`${generatorPackage.name}: ${message}\n`);
}

function oneLine(message: string): string {
  return message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}

await main(process.argv).catch(fail);
