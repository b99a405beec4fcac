/** Runs a command to completion and keeps its output, for tests that drive real toolchains. */
import { spawn } from "node:child_process";
import { stripVTControlCharacters } from "node:util";

export interface RunResult {
  code: number | null;
  /** stdout and stderr as they interleaved, without colour codes (a CI runner may force colour on). */
  output: string;
  /** The time after which the command was killed, when it had not finished by then. */
  killedAfterMs?: number;
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timeoutMs = options.timeoutMs ?? 300_000;
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: stripVTControlCharacters(output), ...(killed ? { killedAfterMs: timeoutMs } : {}) });
    });
  });
}

/** The environment for a generated project's own scripts: this machine's test database, if any. */
export function projectEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Scripts of the repository's own `npm test` must not leak into the project's runs.
  const leaked = (key: string) => key.startsWith("npm_") || key.startsWith("VITEST") || key === "NODE_ENV";
  return Object.fromEntries(Object.entries({ ...process.env, ...extra }).filter(([key]) => !leaked(key)));
}

export function expectSuccess(result: RunResult, what: string): void {
  if (result.killedAfterMs !== undefined) {
    throw new Error(`${what} did not finish within ${String(result.killedAfterMs / 1000)} s and was killed:\n${result.output.slice(-8000)}`);
  }
  if (result.code !== 0) throw new Error(`${what} failed with exit code ${String(result.code)}:\n${result.output.slice(-8000)}`);
}
