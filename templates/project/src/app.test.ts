import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../test/support/app.js";
import { databaseKinds } from "../test/support/database.js";
import type { App } from "./app.js";
import { publicProcedure, router } from "./trpc.js";

describe.each(databaseKinds)("the app on $kind", ({ kind, skip }) => {
  let app: App | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

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
