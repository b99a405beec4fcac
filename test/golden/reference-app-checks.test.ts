// The reference app is a real service: its own format check, typecheck, lint and tests run here,
// on PGlite and, when DATABASE_URL is set, on PostgreSQL too. Its production build holds what runs and none of
// the code that only tests use. Then the README's first command, `npm start`, builds it and serves
// it on its embedded default (PGlite, no DATABASE_URL); Ctrl-C at a terminal signals the whole
// process group, and the service shuts down cleanly and releases its port. One file, so that
// nothing regenerates the Prisma client while the build reads it.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prismaGenerate } from "../../generators/src/shared/prisma-generate.js";
import { testOnlyCodeIn } from "../support/build-output.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";
import { scratchDirectories } from "../support/scratch.js";
import { startService } from "../support/service.js";

const referenceDir = path.resolve(import.meta.dirname, "..", "..", "reference-app");
const scratch = scratchDirectories("cls-npm-start-");

describe("reference-app's own checks", () => {
  beforeAll(async () => {
    await prismaGenerate(referenceDir);
  });

  it.each(["format:check", "typecheck", "lint", "test"])("npm run %s passes", async (script) => {
    expectSuccess(await run("npm", ["run", script], { cwd: referenceDir, env: projectEnvironment() }), `npm run ${script}`);
  }, 600_000);

  it("builds dist/ with every module's production code and none of the code that only tests use", async () => {
    const dist = path.join(referenceDir, "dist");
    await rm(dist, { recursive: true, force: true });
    expectSuccess(await run("npm", ["run", "build"], { cwd: referenceDir, env: projectEnvironment() }), "npm run build");
    expect(await testOnlyCodeIn(dist)).toEqual([]);
    const modules = ["customer", "product", "order", "order-line", "shipment"];
    const runs = ["main.js", "modules/system/system.router.js", ...modules.map((name) => `modules/${name}/${name}.repository.prisma.js`)];
    expect(runs.filter((file) => !existsSync(path.join(dist, file)))).toEqual([]);
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
