import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { createLogger } from "../logger.js";
import { createSagaEngine } from "./saga-engine.js";

const logger = createLogger({ logLevel: "silent" });

describe.each(databaseKinds)("the saga engine on $kind", ({ kind, skip }) => {
  it.skipIf(skip !== false)(
    "refuses its runner before the worker starts and once it has stopped, and hands it to a caller who asks during the start as soon as the queues exist",
    async () => {
      const engine = createSagaEngine({ database: await testDatabase(kind), logger, sagas: [] });
      await expect(engine.runner()).rejects.toMatchObject({
        code: "UNAVAILABLE",
        message: "The saga runner is not running",
      });

      let started = false;
      const starting = engine.worker.start();
      void Promise.resolve(starting).then(() => (started = true));
      const runner = await engine.runner();
      // Handed out before the worker has looked for unfinished sagas and begun to take jobs.
      expect(started).toBe(false);
      expect(await runner.get(randomUUID())).toBeUndefined();
      await starting;
      expect(await engine.runner()).toBe(runner);

      await engine.worker.stop();
      await expect(engine.runner()).rejects.toMatchObject({ code: "UNAVAILABLE" });
    },
  );
});

describe("the saga engine on a database it cannot reach", () => {
  it("fails the worker's start, and refuses its runner to a caller who waited for it", async () => {
    const database = await testDatabase("pglite");
    const engine = createSagaEngine({
      // Port 9 (discard) on loopback: nothing listens there, so pg-boss's first connection fails.
      database: {
        ...database,
        connection: { kind: "postgres", url: "postgresql://127.0.0.1:9/x" },
      },
      logger,
      sagas: [],
    });
    const starting = engine.worker.start();
    const asked = engine.runner();
    await expect(starting).rejects.toThrow();
    await expect(asked).rejects.toMatchObject({
      code: "UNAVAILABLE",
      cause: expect.objectContaining({ code: "ECONNREFUSED" }) as unknown,
    });
    await engine.worker.stop();
    await expect(engine.runner()).rejects.toMatchObject({ code: "UNAVAILABLE" });
  });
});
