/**
 * Runs a child process with its output captured (a spinner owns the terminal meanwhile), and turns
 * a failure into an error that carries the end of that output.
 */
import { spawn } from "node:child_process";

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export interface CommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** A command that ran and failed. `output` holds the end of what it printed. */
export class CommandFailedError extends Error {
  override readonly name = "CommandFailedError";

  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

const keptOutput = 64 * 1024;

/** Resolves when the command exits, whatever its exit code; rejects when it cannot start (ENOENT...). */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      // npm, pnpm and yarn are .cmd scripts on Windows, which only a shell runs.
      shell: process.platform === "win32",
    });
    let output = "";
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-keptOutput);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (exitCode, signal) => {
      resolve({ exitCode, signal, output });
    });
  });
}

/** Runs a command and throws a CommandFailedError unless it exits with 0. */
export async function runCommandOrThrow(
  description: string,
  command: string,
  args: readonly string[],
  options: CommandOptions,
): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.exitCode !== 0) {
    const how = result.signal === null ? `exit code ${String(result.exitCode)}` : `signal ${result.signal}`;
    throw new CommandFailedError(`${description} failed (${how})`, result.output);
  }
  return result;
}

export function isMissingCommand(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
