// The production install of a fresh project, made the way its Dockerfile makes it: the project is
// built with every dependency (this repository's, linked in), then a directory of its own gets
// package.json, .npmrc and a lockfile, `npm ci --omit=dev` from the registry, and the build stage's
// `dist/` (the bundle) and `prisma/migrations/`. It must hold no development tool and no test-only
// code, stay small, and start; its migration command runs without tsx.
// Needs the npm registry; takes about a minute.
import { randomBytes } from "node:crypto";
import { cp, lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledSources, testOnlyCodeIn } from "../support/build-output.js";
import { generateProject } from "../support/project.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";
import { expectHealthyService, startService } from "../support/service.js";

/** What only development needs; none of it may be installed for production. */
const developmentTools = ["prisma", "@prisma/engines", "eslint", "typescript", "tsx", "vitest", "vite", "plop"];
const sizeLimitMiB = 160;
const postgresServer = process.env.DATABASE_URL === "" ? undefined : process.env.DATABASE_URL;

interface ProductionInstall {
  /** package.json, .npmrc, the lockfile, node_modules from `npm ci --omit=dev`, dist/ and prisma/migrations/. */
  dir: string;
  /** Disk usage of node_modules in bytes, counted as `du` counts it. */
  bytes: number;
  /** Every package installed, at any depth. */
  packages: Set<string>;
}

/** npm as a user runs it: the one beside this Node, none of the settings of the `npm test` that started vitest. */
const npmEnvironment = () =>
  projectEnvironment({ PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter) });

async function npm(args: readonly string[], cwd: string): Promise<void> {
  const result = await run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, env: npmEnvironment() });
  expectSuccess(result, `npm ${args.join(" ")}`);
}

async function buildAndInstallForProduction(scratch: string, name: string, extraArgs: readonly string[]): Promise<ProductionInstall> {
  const projectDir = await generateProject(scratch, name, extraArgs);
  expectSuccess(await run("npm", ["run", "build"], { cwd: projectDir, env: projectEnvironment() }), "npm run build");

  const dir = path.join(scratch, `${name}-production`);
  await mkdir(dir);
  const manifest = JSON.parse(await readFile(path.join(projectDir, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  // The generator itself is a development dependency at this repository's version, which the
  // registry may not have yet; production installs leave it out either way.
  delete manifest.devDependencies["create-layered-service"];
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await cp(path.join(projectDir, ".npmrc"), path.join(dir, ".npmrc"));
  // The lockfile a developer's `npm install` writes, then the Dockerfile's install from it.
  await npm(["install", "--package-lock-only", "--ignore-scripts"], dir);
  await npm(["ci", "--omit=dev"], dir);
  await cp(path.join(projectDir, "dist"), path.join(dir, "dist"), { recursive: true });
  await cp(path.join(projectDir, "prisma", "migrations"), path.join(dir, "prisma", "migrations"), { recursive: true });

  return { dir, ...(await diskUsage(path.join(dir, "node_modules"))) };
}

/** Bytes on disk under `root` (512-byte blocks, as `du` counts them) and the names of the packages in it. */
async function diskUsage(root: string): Promise<{ bytes: number; packages: Set<string> }> {
  const packages = new Set<string>();
  let bytes = 0;
  const walk = async (dir: string, scope: string | undefined): Promise<void> => {
    bytes += (await lstat(dir)).blocks * 512;
    const inNodeModules = path.basename(dir) === "node_modules";
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const entryPath = path.join(dir, entry.name);
      if (!entry.isDirectory()) {
        bytes += (await lstat(entryPath)).blocks * 512;
        continue;
      }
      if (inNodeModules && entry.name.startsWith("@")) {
        await walk(entryPath, entry.name);
        continue;
      }
      if (scope !== undefined) packages.add(`${scope}/${entry.name}`);
      else if (inNodeModules && !entry.name.startsWith(".")) packages.add(entry.name);
      await walk(entryPath, undefined);
    }
  };
  await walk(root, undefined);
  return { bytes, packages };
}

async function expectServes(install: ProductionInstall, env: NodeJS.ProcessEnv, name: string): Promise<void> {
  const service = await startService(process.execPath, ["dist/main.js"], {
    cwd: install.dir,
    env: { ...projectEnvironment({ PORT: "0", HOST: "127.0.0.1", ...env }), NODE_ENV: "production" },
  });
  let code: number | null;
  try {
    await expectHealthyService(service.url, name);
    // The version comes from the package.json beside dist/, as in the image.
    const { version } = JSON.parse(await readFile(path.join(install.dir, "package.json"), "utf8")) as { version: string };
    const info = await fetch(`${service.url}/trpc/system.info`);
    expect(await info.json()).toMatchObject({ result: { data: { version } } });
  } finally {
    code = await service.stop("SIGTERM");
  }
  expect(code).toBe(0);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServer });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("the production install of fresh projects (npm ci --omit=dev, as the Dockerfile runs it)", () => {
  let scratch: string;
  let pglite: ProductionInstall;
  let postgres: ProductionInstall;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "e2e-production-"));
    // Both at once: most of the time is npm waiting on the registry.
    [pglite, postgres] = await Promise.all([
      buildAndInstallForProduction(scratch, "lean-service", []),
      buildAndInstallForProduction(scratch, "lean-pg-service", ["--db", "postgres"]),
    ]);
  }, 240_000);

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it.each(["pglite", "postgres"] as const)("holds no development tool in a %s project", (db) => {
    const installed = db === "pglite" ? pglite : postgres;
    expect(developmentTools.filter((name) => installed.packages.has(name))).toEqual([]);
    expect(installed.packages).toContain("@prisma/client");
  });

  it.each(["pglite", "postgres"] as const)("bundles the service and none of the code that only tests use into dist/ of a %s project", async (db) => {
    const installed = db === "pglite" ? pglite : postgres;
    const dist = path.join(installed.dir, "dist");
    expect(await bundledSources(dist)).toEqual(expect.arrayContaining(["src/main.ts", "src/start.ts", "src/platform/db/migrate-cli.ts"]));
    expect(await testOnlyCodeIn(dist)).toEqual([]);
  });

  it("holds PGlite only where it runs: in the pglite project, not in the postgres one", () => {
    expect(pglite.packages).toContain("@electric-sql/pglite");
    expect(postgres.packages).not.toContain("@electric-sql/pglite");
    expect(postgres.packages).not.toContain("pglite-prisma-adapter");
  });

  it.each(["pglite", "postgres"] as const)(`takes at most ${String(sizeLimitMiB)} MB in a %s project`, (db) => {
    const installed = db === "pglite" ? pglite : postgres;
    expect(installed.bytes / 2 ** 20).toBeLessThanOrEqual(sizeLimitMiB);
  });

  it("starts the built pglite service from it, which answers /health and system.info", async () => {
    await expectServes(pglite, { DATABASE_URL: "", PGLITE_DATA_DIR: path.join(scratch, "pglite-data") }, "lean-service");
  }, 60_000);

  it("fills Node's compile cache as the image's build does, without starting, and the service then loads its code from it", async () => {
    const cacheDir = path.join(scratch, "compile-cache");
    const dataDir = path.join(scratch, "pglite-compile-cache-data");
    const env = {
      ...projectEnvironment({ DATABASE_URL: "", PGLITE_DATA_DIR: dataDir, NODE_COMPILE_CACHE: cacheDir }),
      NODE_ENV: "production",
    };
    const fill = await run(process.execPath, ["dist/main.js", "--fill-compile-cache"], { cwd: pglite.dir, env });
    expectSuccess(fill, "node dist/main.js --fill-compile-cache");
    expect(fill.output).toBe("");
    // The code loaded, and nothing ran: no database was opened.
    await expect(lstat(dataDir)).rejects.toMatchObject({ code: "ENOENT" });

    const service = await startService(process.execPath, ["dist/main.js"], {
      cwd: pglite.dir,
      env: { ...env, PORT: "0", HOST: "127.0.0.1", NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
    });
    try {
      expect(service.output()).toMatch(/V8 code cache for ESM file:\/\/\S+\/dist\/chunks\/start-\w+\.js was accepted/);
    } finally {
      expect(await service.stop("SIGTERM")).toBe(0);
    }
  }, 60_000);

  it("runs the bundled migration command from it", async () => {
    const env = { ...projectEnvironment({ DATABASE_URL: "", PGLITE_DATA_DIR: path.join(scratch, "pglite-cli-data") }), NODE_ENV: "production" };
    const status = await run(process.execPath, ["dist/platform/db/migrate-cli.js", "status"], { cwd: pglite.dir, env });
    expectSuccess(status, "node dist/platform/db/migrate-cli.js status");
    expect(status.output).toBe("No migrations.\n");
  }, 60_000);

  it.skipIf(postgresServer === undefined)(
    "starts the built postgres service from it, which answers /health and system.info (needs DATABASE_URL)",
    async () => {
      const database = `production_${randomBytes(6).toString("hex")}`;
      await adminQuery(`CREATE DATABASE "${database}"`);
      try {
        const url = new URL(postgresServer ?? "");
        url.pathname = `/${database}`;
        await expectServes(postgres, { DATABASE_URL: url.toString() }, "lean-pg-service");
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }
    },
    60_000,
  );
});
