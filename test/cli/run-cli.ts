/** Spawns the built create-layered-service binary the way a script would: no terminal, no stdin. */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const cliPath = path.join(repoRoot, "generators", "dist", "cli.js");

export interface CliRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  /** Replaces the environment (after the defaults below). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Run this binary instead of the checkout's. */
  command?: string;
}

/**
 * The test runner's environment, without what would make runs differ from machine to machine: the
 * package manager that started the tests, and a missing git identity.
 */
export function cliEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: "Test Author",
    GIT_AUTHOR_EMAIL: "author@example.com",
    GIT_COMMITTER_NAME: "Test Author",
    GIT_COMMITTER_EMAIL: "author@example.com",
    ...extra,
  };
  if (!("npm_config_user_agent" in extra)) delete env.npm_config_user_agent;
  return env;
}

export function runCli(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const [command, commandArgs] =
    options.command === undefined ? [process.execPath, [cliPath, ...args]] : [options.command, [...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: options.cwd,
      env: options.env ?? cliEnvironment(),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 20_000,
      killSignal: "SIGKILL",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (exitCode, signal) => {
      resolve({ exitCode, signal, stdout, stderr });
    });
  });
}

export function scratchDir(prefix = "cls-cli-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Every file under `root`, as sorted relative paths with forward slashes. */
export function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

export function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}
