// The service as a real process, started as `npm run dev` starts it (tsx on src/main.ts), for tests
// that need what only a process has: its exit code, its signals, a crash.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

/** The project's root directory. */
export const projectDir = path.resolve(import.meta.dirname, "../..");

export interface RunningService {
  child: ChildProcess;
  /** Where it listens: `http://127.0.0.1:<port>`. */
  url: string;
  /** Its log lines so far, parsed; more arrive while it runs. */
  lines: Record<string, unknown>[];
  exit: Promise<number | null>;
}

/**
 * Starts the service on a free port with `env` over the test environment, and resolves once it
 * listens; rejects when it exits first (naming its last log line) or has not listened within 60 s.
 */
export async function startService(env: Record<string, string>): Promise<RunningService> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: projectDir,
    env: { ...process.env, NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Record<string, unknown>[] = [];
  const exit = new Promise<number | null>((resolve) => {
    child.once("exit", resolve);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error("the service did not start within 60 s"));
    }, 60_000);
    createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg));
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      const last = lines.at(-1)?.msg;
      reject(new Error(`the service exited with ${String(code)} before listening: ${String(last)}`));
    });
  });
  return { child, url, lines, exit };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs src/main.ts with `args` to its end, in `cwd` (the project by default) with exactly `env`,
 * Node's own options first: for a process that must stop, or exit without starting.
 */
export async function runMain(
  args: string[],
  env: NodeJS.ProcessEnv,
  { cwd = projectDir, nodeOptions = [] }: { cwd?: string; nodeOptions?: string[] } = {},
): Promise<Finished> {
  const child = spawn(process.execPath, [...nodeOptions, "--import", import.meta.resolve("tsx"), path.join(projectDir, "src/main.ts"), ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  return { code, stdout, stderr };
}
