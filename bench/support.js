// What the benchmarks share: paths, a median, a throwaway PostgreSQL database, and starting and
// stopping a server process. Nothing here measures anything.
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";

export const root = path.resolve(import.meta.dirname, "..");
export const benchDir = import.meta.dirname;
export const referenceDir = path.join(root, "reference-app");
export const postgresServer = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
export const ms = (value) => `${value.toFixed(0)} ms`;
export const sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

export function runSync(command, args, options) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return result;
}

/** Runs `run` with the URL of a new, empty database on the PostgreSQL server, dropped afterwards. */
export async function withDatabase(run) {
  const name = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgresServer });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresServer);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** A TCP port that nothing listens on right now, so that benchmarks never collide with other servers on the machine. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * Spawns `node <script>` in the reference app's directory: `{ child, output }`. The last few
 * kilobytes of its output are kept and shown when it fails, so a server that dies says why.
 */
export function spawnNode(script, env) {
  const child = spawn(process.execPath, [script], {
    cwd: referenceDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return { child, output: () => output };
}

/** Polls `url` until it answers 2xx and returns the body; fails if the process exits first or `timeoutMs` passes. */
export async function untilAnswered({ child, output }, url, { intervalMs = 5, timeoutMs = 60_000 } = {}) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}:\n${output()}`);
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok === true) return await response.text();
    await response?.body?.cancel();
    if (performance.now() > deadline) throw new Error(`${url}: no 2xx answer within ${timeoutMs} ms:\n${output()}`);
    await sleep(intervalMs);
  }
}

export async function stop({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
