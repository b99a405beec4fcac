// End to end: the real process, started as `npm run dev` would start it, called over HTTP through
// the real tRPC client, then stopped with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
{{#if pglite}}
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
{{/if}}
import path from "node:path";
import { createInterface } from "node:readline";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, {{#if postgres}}inject, {{/if}}it } from "vitest";
import type { AppRouter } from "../src/app-router.js";

const projectDir = path.resolve(import.meta.dirname, "..");

interface Running {
  child: ChildProcess;
  url: string;
  lines: Record<string, unknown>[];
  exit: Promise<number | null>;
}

async function start(env: Record<string, string>): Promise<Running> {
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
      const last = lines.at(-1)?.msg;
      reject(new Error(`the service exited with ${String(code)} before listening: ${String(last)}`));
    });
  });
  return { child, url, lines, exit };
}

{{#if pglite}}
describe("the service, end to end", () => {
  let dataDir: string;
  let running: Running;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "e2e-data-"));
    // The embedded database on disk, exactly as a fresh checkout runs.
    running = await start({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
  }, 90_000);

  afterAll(async () => {
    if (running.child.exitCode === null) running.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });
{{else}}
const postgresUrl = inject("postgresUrl");

describe.skipIf(postgresUrl === undefined)("the service, end to end (needs DATABASE_URL)", () => {
  let running: Running;

  beforeAll(async () => {
    running = await start({ DATABASE_URL: postgresUrl ?? "" });
  }, 90_000);

  afterAll(() => {
    if (running.child.exitCode === null) running.child.kill("SIGKILL");
  });
{{/if}}

  it("answers a procedure through the tRPC client over HTTP", async () => {
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${running.url}/trpc` })] });
    const info = await client.system.info.query();
    expect(info.name).toBe("{{name}}");
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("reports itself healthy and ready", async () => {
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
  });

{{#if pglite}}
  it("refuses a second instance on the same data directory with a clear message", async () => {
    await expect(start({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" })).rejects.toThrow(
      /exited with 1 before listening: could not start: The PGlite data directory .* is in use by another process/,
    );
  }, 60_000);
{{/if}}

  it("stops on SIGTERM with exit code 0 after a clean shutdown", async () => {
    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    expect(running.lines.map((line) => line.msg)).toContain("shutdown complete");
  }, 30_000);
});

describe("a bad configuration", () => {
  it("stops the process with a message that names the variable", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: projectDir,
      env: { ...process.env, PORT: "not-a-port" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Invalid configuration: PORT: /);
  }, 30_000);
});
