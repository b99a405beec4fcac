// End to end: the real process, started as `npm run dev` would start it, called over HTTP through
// the real tRPC client, then stopped with SIGTERM.
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { AppRouter } from "../src/app-router.js";
import {
  projectDir,
  runMain,
  startService,
  type RunningService,
} from "./support/service-process.js";

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("the service, end to end", () => {
  let dataDir: string;
  let running: RunningService;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "e2e-data-"));
    // The embedded database on disk, exactly as a fresh checkout runs.
    running = await startService({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
  }, 90_000);

  afterAll(async () => {
    if (running.child.exitCode === null) running.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers a procedure through the tRPC client over HTTP", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${running.url}/trpc` })],
    });
    const info = await client.system.info.query();
    expect(info.name).toBe("reference-app");
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("reports itself healthy and ready", async () => {
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      checks: { database: { status: "up" } },
    });
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
  });

  it("refuses a second instance on the same data directory, naming the process that has it", async () => {
    await expect(startService({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" })).rejects.toThrow(
      new RegExp(
        `exited with 1 before listening: could not start: The PGlite data directory .* is in use by process ${String(running.child.pid)};`,
      ),
    );
  }, 60_000);

  it("stops on SIGTERM with exit code 0 after a clean shutdown", async () => {
    running.child.kill("SIGTERM");
    expect(await running.exit).toBe(0);
    expect(running.lines.map((line) => line.msg)).toContain("shutdown complete");
  }, 30_000);
});

describe("the embedded database after a crash", () => {
  it("is opened again at once by a restart after the service was killed with SIGKILL", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "e2e-crash-"));
    try {
      const first = await startService({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
      first.child.kill("SIGKILL");
      await first.exit;
      // The lock names a process that no longer exists: no waiting for it to turn stale.
      const second = await startService({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
      expect((await fetch(`${second.url}/ready`)).status).toBe(200);
      second.child.kill("SIGTERM");
      expect(await second.exit).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("Ctrl-C", () => {
  it("stops the service once, gracefully, when the signal also comes relayed by a watcher", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "e2e-ctrl-c-"));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const running = await startService({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
    // A terminal sends SIGINT to the whole process group; `tsx watch` then relays it to the
    // service.
    running.child.kill("SIGINT");
    await until(() => running.lines.some((line) => line.msg === "shutting down"));
    running.child.kill("SIGINT");
    expect(await running.exit).toBe(0);
    const messages = running.lines.map((line) => line.msg);
    expect(messages.filter((msg) => msg === "shutting down")).toHaveLength(1);
    expect(messages).toContain("shutdown complete");
  }, 90_000);
});

describe("a bad configuration", () => {
  it("stops the process with a message that names the variable", async () => {
    const { code, stderr } = await runMain([], { ...process.env, PORT: "not-a-port" });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Invalid configuration: PORT: /);
  }, 30_000);
});

describe("the command line", () => {
  it("refuses an unknown option with one line, naming the option it takes", async () => {
    const { code, stdout, stderr } = await runMain(["--fill-cache"], process.env);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^Unknown option '--fill-cache'.*; the only option is --fill-compile-cache .*\n$/,
    );
  }, 30_000);

  it("with --fill-compile-cache, loads the code and exits without reading the configuration or starting", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "compile-cache-"));
    try {
      // A configuration that would stop the service at once: the option never reads it.
      const { code, stdout, stderr } = await runMain(["--fill-compile-cache"], {
        ...process.env,
        NODE_COMPILE_CACHE: cacheDir,
        PORT: "not-a-port",
      });
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "", stderr: "" });
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe("the .env file", () => {
  const scripts = (
    JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  it.each(["dev", "start", "db:migrate", "db:status"])(
    "is loaded by the %s script when it exists",
    (script) => {
      expect(scripts[script]).toContain(" --env-file-if-exists=.env ");
    },
  );

  it("is read from the working directory, and a real environment variable wins over it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dotenv-"));
    try {
      // LOG_LEVEL is bad only in the file, NODE_ENV only there but set for real too.
      await writeFile(path.join(dir, ".env"), "LOG_LEVEL=loud\nNODE_ENV=staging\n");
      const inherited = Object.fromEntries(
        Object.entries(process.env).filter(
          ([name]) => !["LOG_LEVEL", "NODE_ENV", "DATABASE_URL"].includes(name),
        ),
      );
      const { code, stderr } = await runMain(
        [],
        { ...inherited, NODE_ENV: "test" },
        { cwd: dir, nodeOptions: ["--env-file-if-exists=.env"] },
      );
      expect(code).toBe(1);
      expect(stderr.trim()).toMatch(/^Invalid configuration: LOG_LEVEL: [^;]*$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
