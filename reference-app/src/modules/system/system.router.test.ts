import { describe, expect, it } from "vitest";
import { buildServices } from "../../../test/support/app.js";
import { fixedClock } from "../../../test/support/clock.js";
import { testDatabase } from "../../../test/support/database.js";
import { appRouter } from "../../app-router.js";
import { createContextInner } from "../../platform/context.js";
import { createLogger } from "../../platform/logger.js";
import { createCallerFactory } from "../../trpc.js";

const createCaller = createCallerFactory(appRouter);

describe("the system router", () => {
  it("answers system.info with the service's name, version and uptime", async () => {
    const database = await testDatabase("pglite");
    const clock = fixedClock(new Date("2024-01-01T00:00:00.000Z"));
    const services = buildServices(database, { clock, info: { name: "shop", version: "1.2.3" } });
    const caller = createCaller(
      createContextInner({
        services,
        logger: createLogger({ logLevel: "silent" }),
        exposeErrors: true,
      }),
    );
    clock.advance(2_000);
    expect(await caller.system.info()).toEqual({
      name: "shop",
      version: "1.2.3",
      uptimeSeconds: 2,
    });
  });
});
