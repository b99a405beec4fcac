// The reference app is a real service: its own format check, typecheck, lint and tests run here,
// on PGlite and, when DATABASE_URL is set, on PostgreSQL too. Its production build (a bundle) holds
// what runs and none of the code that only tests use, and runs away from the sources: moved into a
// directory of its own, it finds its migrations and package.json there. Then the README's first
// command, `npm start`, builds it and serves it on its embedded default (PGlite, no DATABASE_URL);
// Ctrl-C at a terminal signals the whole process group, and the service shuts down cleanly and
// releases its port. One file, so that nothing regenerates the Prisma client while the build reads
// it.
import { cp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prismaGenerate } from "../../generators/src/shared/prisma-generate.js";
import { bundledSources, testOnlyCodeIn } from "../support/build-output.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";
import { scratchDirectories } from "../support/scratch.js";
import { startService } from "../support/service.js";

const referenceDir = path.resolve(import.meta.dirname, "..", "..", "reference-app");
const scratch = scratchDirectories("cls-npm-start-");

describe("reference-app's own checks", () => {
  beforeAll(async () => {
    await prismaGenerate(referenceDir);
  });

  // The reference app's own tests, on both databases, take about five minutes on a slow 2-core
  // machine: each script may run for nearly all of the test's ten minutes before it is killed.
  it.each(["format:check", "typecheck", "lint", "test"])("npm run %s passes", async (script) => {
    expectSuccess(await run("npm", ["run", script], { cwd: referenceDir, env: projectEnvironment(), timeoutMs: 590_000 }), `npm run ${script}`);
  }, 600_000);

  it("bundles dist/ with every module's production code and none of the code that only tests use", async () => {
    const dist = path.join(referenceDir, "dist");
    await rm(dist, { recursive: true, force: true });
    expectSuccess(await run("npm", ["run", "build"], { cwd: referenceDir, env: projectEnvironment() }), "npm run build");
    expect(await testOnlyCodeIn(dist)).toEqual([]);
    const modules = ["customer", "product", "order", "order-line", "shipment"];
    const runs = [
      "src/main.ts",
      "src/platform/db/migrate-cli.ts",
      "src/modules/system/system.router.ts",
      ...modules.map((name) => `src/modules/${name}/${name}.repository.prisma.ts`),
    ];
    const sources = await bundledSources(dist);
    expect(runs.filter((file) => !sources.includes(file))).toEqual([]);
  }, 120_000);

  it("runs the bundle moved away from its sources: the service and its migration command find prisma/migrations and package.json beside dist/", async () => {
    const moved = scratch();
    await cp(path.join(referenceDir, "dist"), path.join(moved, "dist"), { recursive: true });
    await cp(path.join(referenceDir, "prisma", "migrations"), path.join(moved, "prisma", "migrations"), { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(referenceDir, "package.json"), "utf8")) as Record<string, unknown>;
    await writeFile(path.join(moved, "package.json"), JSON.stringify({ ...manifest, version: "3.1.4-moved" }));
    await symlink(path.join(referenceDir, "..", "node_modules"), path.join(moved, "node_modules"), "dir");
    const migrations = await readdir(path.join(moved, "prisma", "migrations"), { withFileTypes: true });
    const names = migrations.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const environment = (dataDir: string) => {
      const env = projectEnvironment({ PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", PGLITE_DATA_DIR: path.join(moved, dataDir) });
      delete env.DATABASE_URL;
      return env;
    };
    const cli = (command: string, dataDir: string) =>
      run(process.execPath, ["dist/platform/db/migrate-cli.js", command], { cwd: moved, env: environment(dataDir) });

    const service = await startService(process.execPath, ["dist/main.js"], { cwd: moved, env: environment("served") });
    try {
      expect(service.messages()).toContain("migrations applied");
      const info = await fetch(`${service.url}/trpc/system.info`);
      expect(await info.json()).toMatchObject({ result: { data: { name: "reference-app", version: "3.1.4-moved" } } });
    } finally {
      await service.stop("SIGTERM");
    }
    const status = await cli("status", "served");
    expectSuccess(status, "migrate-cli.js status");
    expect(status.output).toBe(names.map((name) => `applied   ${name}\n`).join(""));

    const up = await cli("up", "migrated");
    expectSuccess(up, "migrate-cli.js up");
    expect(up.output).toBe(`Applied: ${names.join(", ")}\n`);
  }, 120_000);

  it("serves through the README's `npm start` on PGlite, and stops cleanly on Ctrl-C", async () => {
    const env = projectEnvironment({ PORT: "0", PGLITE_DATA_DIR: path.join(scratch(), "data") });
    delete env.DATABASE_URL;
    const service = await startService("npm", ["start"], { cwd: path.dirname(referenceDir), env });
    try {
      const health = await fetch(`${service.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });
      const products = await fetch(`${service.url}/trpc/product.list?input=${encodeURIComponent("{}")}`);
      expect(await products.json()).toEqual({ result: { data: { items: [], nextCursor: null } } });
    } finally {
      await service.stop("SIGINT");
    }
    expect(service.messages()).toContain("shutdown complete");
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  }, 240_000);
});
