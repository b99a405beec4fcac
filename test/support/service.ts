/**
 * Starts a service as its user would (`npm start`, `node src/main.ts`, ...), in a process group of
 * its own, and waits until fastify logs the address it listens on.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { expect } from "vitest";

export interface RunningService {
  url: string;
  /** The `msg` of every JSON log line so far. */
  messages(): string[];
  /** Everything the process wrote so far, standard output and standard error. */
  output(): string;
  /** Sends `signal` to the whole process group, as a terminal's Ctrl-C does; resolves with the exit code once output has closed. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

export async function startService(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunningService> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const group = child.pid;
  if (group === undefined) throw new Error(`${command} did not start`);
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-group, signal);
    } catch {
      // Already gone.
    }
  };
  const closed = new Promise<number | null>((resolve) => child.once("close", resolve));
  const messages: string[] = [];
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on("line", (line) => {
        output += `${line}\n`;
        const message = logMessage(line);
        if (message !== undefined) messages.push(message);
        const match = /Server listening at (http:\/\/[^"]+)"/.exec(line);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once("exit", (code) => {
        reject(new Error(`${[command, ...args].join(" ")} exited with ${String(code)} before listening:\n${output}`));
      });
    });
    return {
      url,
      messages: () => [...messages],
      output: () => output,
      async stop(signal) {
        killGroup(signal);
        const code = await closed;
        killGroup("SIGKILL");
        return code;
      },
    };
  } catch (error) {
    killGroup("SIGKILL");
    throw error;
  }
}

function logMessage(line: string): string | undefined {
  try {
    const entry: unknown = JSON.parse(line);
    return typeof entry === "object" && entry !== null && "msg" in entry && typeof entry.msg === "string" ? entry.msg : undefined;
  } catch {
    return undefined;
  }
}

/** The service reports its database up on /health and answers the tRPC call system.info with its name. */
export async function expectHealthyService(url: string, name: string): Promise<void> {
  const health = await fetch(`${url}/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });
  const info = await fetch(`${url}/trpc/system.info`);
  expect(info.status).toBe(200);
  expect(await info.json()).toMatchObject({ result: { data: { name } } });
}
