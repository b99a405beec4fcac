// The reference app is a real service: its own typecheck, lint and tests run here, on PGlite and,
// when DATABASE_URL is set, on PostgreSQL too. Then the README's first command, `npm start`, builds
// it and serves it on its embedded default (PGlite, no DATABASE_URL); Ctrl-C at a terminal signals
// the whole process group, and the service shuts down cleanly and releases its port. One file, so
// that nothing regenerates the Prisma client while the build reads it.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { beforeAll, describe, expect, it } from "vitest";
import { prismaGenerate } from "../../generators/src/project/prisma-generate.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";
import { scratchDirectories } from "../support/scratch.js";

const referenceDir = path.resolve(import.meta.dirname, "..", "..", "reference-app");
const scratch = scratchDirectories("cls-npm-start-");

describe("reference-app's own checks", () => {
  beforeAll(async () => {
    await prismaGenerate(referenceDir);
  });

  it.each(["typecheck", "lint", "test"])("npm run %s passes", async (script) => {
    expectSuccess(await run("npm", ["run", script], { cwd: referenceDir, env: projectEnvironment() }), `npm run ${script}`);
  }, 600_000);

  it("serves through the README's `npm start` on PGlite, and stops cleanly on Ctrl-C", async () => {
    const env = projectEnvironment({ PORT: "0", PGLITE_DATA_DIR: path.join(scratch(), "data") });
    delete env.DATABASE_URL;
    const child = spawn("npm", ["start"], { cwd: path.dirname(referenceDir), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const group = child.pid;
    if (group === undefined) throw new Error("npm start did not start");
    const logLines: string[] = [];
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once("close", () => { resolve(); }));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on("line", (line) => {
          output += `${line}\n`;
          if (line.startsWith("{")) logLines.push(line);
          const match = /Server listening at (http:\/\/[^"]+)"/.exec(line);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once("exit", (code) => { reject(new Error(`npm start exited with ${String(code)}:\n${output}`)); });
      });

      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });
      const products = await fetch(`${url}/trpc/product.list?input=${encodeURIComponent("{}")}`);
      expect(await products.json()).toEqual({ result: { data: { items: [], nextCursor: null } } });

      process.kill(-group, "SIGINT");
      await exited;
      expect(logLines.map((line) => (JSON.parse(line) as { msg?: string }).msg)).toContain("shutdown complete");
      await expect(fetch(`${url}/health`)).rejects.toThrow();
    } finally {
      try {
        process.kill(-group, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }, 240_000);
});
