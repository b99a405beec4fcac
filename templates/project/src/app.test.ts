import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp, buildConfig } from "../test/support/app.js";
import { databaseKinds, freshDatabase, testDatabase } from "../test/support/database.js";
import { createApp, type App, type AppOptions } from "./app.js";
import type { Worker } from "./platform/extensions.js";
import { createLogger } from "./platform/logger.js";
import { migrationsDir } from "./platform/db/database.js";
import { migrate, migrationStatus } from "./platform/db/migrator.js";
import { publicProcedure, router } from "./trpc.js";

describe.each(databaseKinds)("the app on $kind", ({ kind, skip }) => {
  let app: App | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** The app on the shared test database, with these extensions' health checks and workers. */
  const appWith = async (extensions: Partial<NonNullable<AppOptions["extensions"]>>): Promise<App> => {
    const config = buildConfig();
    return createApp({
      config,
      logger: createLogger(config),
      database: await testDatabase(kind),
      extensions: { healthChecks: () => ({}), workers: () => [], ...extensions },
    });
  };

  it.skipIf(skip !== false)("is ready once its migrations are applied", async () => {
    app = await buildApp({ kind });
    expect(app.readiness).toEqual({ migrated: true, connected: true, shuttingDown: false });
    const health = await app.server.inject({ url: "/health" });
    expect(health.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });
  });

  it.skipIf(skip !== false)("finishes an in-flight request on shutdown and refuses new ones", async () => {
    let release = (): void => undefined;
    let started = (): void => undefined;
    const requestStarted = new Promise<void>((resolve) => (started = resolve));
    const slow = router({
      slow: publicProcedure.query(async () => {
        started();
        await new Promise<void>((resolve) => (release = resolve));
        return "finished";
      }),
    });
    app = await buildApp({ kind, router: slow });
    const address = await app.server.listen({ port: 0, host: "127.0.0.1" });

    const inFlight = fetch(`${address}/trpc/slow`);
    await requestStarted;
    const closing = app.close();
    expect(app.readiness.shuttingDown).toBe(true);
    await expect(fetch(`${address}/trpc/slow`)).rejects.toThrow();

    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: "finished" } });
    await closing;
  });

  it.skipIf(skip !== false)("starts the workers when asked, after the migrations, and stops them after the last request while the database still answers", async () => {
    const fresh = await freshDatabase(kind);
    const events: string[] = [];
    const worker: Worker = {
      name: "recorder",
      async start() {
        const { pending } = await fresh.database.withSession((session) => migrationStatus(session, migrationsDir));
        events.push(`started with ${pending.length === 0 ? "no" : "a"} migration pending, ${app?.server.server.listening === true ? "the server listening" : "no server"}`);
      },
      async stop() {
        events.push(`stopped ${app?.server.server.listening === true ? "while listening" : "after the server"}`);
        await fresh.database.ping();
        events.push("the database still answered");
      },
    };
    const config = buildConfig();
    try {
      app = await createApp({ config, logger: createLogger(config), database: fresh.database, extensions: { healthChecks: () => ({}), workers: () => [worker] } });
      expect(events).toEqual([]);
      expect(app.readiness).toEqual({ migrated: true, connected: true, shuttingDown: false });
      await app.server.listen({ port: 0, host: "127.0.0.1" });
      await app.startWorkers();
      await app.close();
      expect(events).toEqual(["started with no migration pending, the server listening", "stopped after the server", "the database still answered"]);
    } finally {
      app = undefined;
      await fresh.dispose();
    }
  });

  it.skipIf(skip !== false)("stops the workers it started, the failing one too, when one fails to start, and still serves: start.ts then shuts it down", async () => {
    const events: string[] = [];
    const worker = (name: string, fails = false): Worker => ({
      name,
      start: () => {
        if (fails) throw new Error(`${name} cannot start`);
        events.push(`${name} started`);
      },
      stop: () => {
        events.push(`${name} stopped`);
      },
    });
    app = await appWith({ workers: () => [worker("first"), worker("second", true), worker("third")] });
    await expect(app.startWorkers()).rejects.toThrow("second cannot start");
    expect(events).toEqual(["first started", "second stopped", "first stopped"]);
    expect((await app.server.inject({ url: "/ready" })).statusCode).toBe(200);
    await app.close();
    expect(events).toEqual(["first started", "second stopped", "first stopped"]);
  });

  it.skipIf(skip !== false)("starts no worker once it is closing", async () => {
    const events: string[] = [];
    app = await appWith({ workers: () => [{ name: "late", start: () => void events.push("started"), stop: () => void events.push("stopped") }] });
    await app.close();
    await app.startWorkers();
    expect(events).toEqual([]);
  });

  it.skipIf(skip !== false)("reports the extensions' health checks, a failing non-critical one as degraded", async () => {
    app = await appWith({
      healthChecks: () => ({ provider: { check: () => Promise.reject(new Error("circuit open")), critical: false } }),
    });
    const health = await app.server.inject({ url: "/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "degraded", checks: { database: { status: "up" }, provider: { status: "down", critical: false } } });
  });

  describe("with MIGRATE_ON_START=false", () => {
    const config = buildConfig({ MIGRATE_ON_START: "false" });

    it.skipIf(skip !== false)("refuses to start while a migration is pending, and applies nothing", async () => {
      const migrations = await mkdtemp(path.join(tmpdir(), "migrations-"));
      const fresh = await freshDatabase(kind);
      try {
        await mkdir(path.join(migrations, "20260101000000_create_note"));
        await writeFile(path.join(migrations, "20260101000000_create_note", "migration.sql"), 'CREATE TABLE "Note" ("id" TEXT PRIMARY KEY);\n');
        await expect(createApp({ config, logger: createLogger(config), database: fresh.database, migrations })).rejects.toThrow(
          "The database is not migrated (pending: 20260101000000_create_note); run the db:migrate script or set MIGRATE_ON_START=true",
        );
        const tables = await fresh.database.withSession((session) => session.query(`SELECT 1 FROM pg_tables WHERE tablename = 'Note'`));
        expect(tables).toEqual([]);
      } finally {
        await fresh.dispose();
        await rm(migrations, { recursive: true, force: true });
      }
    });

    it.skipIf(skip !== false)("starts on a database that a separate step migrated", async () => {
      const fresh = await freshDatabase(kind);
      try {
        await fresh.database.withSession((session) => migrate(session, migrationsDir));
        app = await createApp({ config, logger: createLogger(config), database: fresh.database });
        expect(app.readiness).toEqual({ migrated: true, connected: true, shuttingDown: false });
        await app.close();
      } finally {
        app = undefined;
        await fresh.dispose();
      }
    });
  });
});

describe("the app's version", () => {
  it("is the version in package.json", async () => {
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    const app = await buildApp();
    try {
      const response = await app.server.inject({ url: "/trpc/system.info" });
      expect(response.json()).toMatchObject({ result: { data: { version: manifest.version } } });
    } finally {
      await app.close();
    }
  });
});
