import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildServices } from "../../../test/support/app.js";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { appRouter } from "../../app-router.js";
import { createContextInner } from "../../platform/context.js";
import { createLogger } from "../../platform/logger.js";
import { createCallerFactory } from "../../trpc.js";
import {
  prepareNewOrderLine,
  orderLinePrismaStore,
  type OrderLineStore,
} from "./order-line.builder.js";

const createCaller = createCallerFactory(appRouter);

describe.each(databaseKinds)("the order line router on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let caller: ReturnType<typeof createCaller>;
  let store: OrderLineStore;

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
    store = orderLinePrismaStore(database.prisma);
  });

  it("creates an order line and gets it back", async () => {
    const created = await caller.orderLine.create(await prepareNewOrderLine(store));
    expect(await caller.orderLine.get({ id: created.id })).toEqual(created);
  });

  it("answers NOT_FOUND for an unknown order line", async () => {
    await expect(caller.orderLine.get({ id: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("answers BAD_REQUEST for invalid input", async () => {
    await expect(caller.orderLine.get({ id: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.orderLine.list({ limit: 0 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.orderLine.update({ id: randomUUID(), version: -1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("answers CONFLICT for an update at a stale version", async () => {
    const created = await caller.orderLine.create(await prepareNewOrderLine(store));
    const updated = await caller.orderLine.update({ id: created.id, version: created.version });
    expect(updated.version).toBe(created.version + 1);
    await expect(
      caller.orderLine.update({ id: created.id, version: created.version }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("lists order lines a page at a time", async () => {
    for (let index = 0; index < 3; index += 1) {
      await caller.orderLine.create(await prepareNewOrderLine(store));
    }
    const first = await caller.orderLine.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await caller.orderLine.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it("deletes an order line", async () => {
    const created = await caller.orderLine.create(await prepareNewOrderLine(store));
    expect(await caller.orderLine.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(caller.orderLine.get({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
