import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildServices } from "../../../test/support/app.js";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { appRouter } from "../../app-router.js";
import { createContextInner } from "../../platform/context.js";
import { createLogger } from "../../platform/logger.js";
import { createCallerFactory } from "../../trpc.js";
import { prepareNewShipment, shipmentPrismaStore, type ShipmentStore } from "./shipment.builder.js";

const createCaller = createCallerFactory(appRouter);

describe.each(databaseKinds)("the shipment router on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let caller: ReturnType<typeof createCaller>;
  let store: ShipmentStore;

  beforeEach(async () => {
    const database = await testDatabase(kind);
    const services = buildServices(database);
    caller = createCaller(
      createContextInner({
        services,
        logger: createLogger({ logLevel: "silent" }),
        exposeErrors: true,
      }),
    );
    store = shipmentPrismaStore(database.prisma);
  });

  it("creates a shipment and gets it back", async () => {
    const created = await caller.shipment.create(await prepareNewShipment(store));
    expect(await caller.shipment.get({ id: created.id })).toEqual(created);
  });

  it("answers NOT_FOUND for an unknown shipment", async () => {
    await expect(caller.shipment.get({ id: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("answers BAD_REQUEST for invalid input", async () => {
    await expect(caller.shipment.get({ id: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.shipment.list({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.shipment.update({ id: randomUUID(), version: -1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("answers CONFLICT for an update at a stale version", async () => {
    const created = await caller.shipment.create(await prepareNewShipment(store));
    const updated = await caller.shipment.update({ id: created.id, version: created.version });
    expect(updated.version).toBe(created.version + 1);
    await expect(
      caller.shipment.update({ id: created.id, version: created.version }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("lists shipments a page at a time", async () => {
    for (let index = 0; index < 3; index += 1) {
      await caller.shipment.create(await prepareNewShipment(store));
    }
    const first = await caller.shipment.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await caller.shipment.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it("deletes a shipment", async () => {
    const created = await caller.shipment.create(await prepareNewShipment(store));
    expect(await caller.shipment.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(caller.shipment.get({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
