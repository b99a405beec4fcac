import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../test/support/clock.js";
import { prepareNewOrderLine, orderLineMemoryStore, type OrderLineStore } from "./order-line.builder.js";
import type { OrderLine } from "./order-line.js";
import { createOrderLineService, type OrderLineService } from "./order-line.service.js";

describe("the order line service", () => {
  let store: OrderLineStore;
  let clock: ReturnType<typeof fixedClock>;
  let service: OrderLineService;

  beforeEach(() => {
    store = orderLineMemoryStore();
    clock = fixedClock(new Date("2024-01-01T00:00:00.000Z"));
    service = createOrderLineService({ orderLineRepository: store.orderLineRepository, clock });
  });

  async function createSome(count: number): Promise<OrderLine[]> {
    const created: OrderLine[] = [];
    for (let index = 0; index < count; index += 1) {
      created.push(await service.create(await prepareNewOrderLine(store)));
      clock.advance(1000);
    }
    return created;
  }

  it("creates an order line stamped with the clock's time", async () => {
    const created = await service.create(await prepareNewOrderLine(store));
    expect(created).toMatchObject({ createdAt: clock.now(), updatedAt: clock.now(), version: 0 });
    expect(await service.get(created.id)).toEqual(created);
  });

  it("reports an unknown order line as NOT_FOUND", async () => {
    await expect(service.get(randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists every order line once, in creation order, a page at a time", async () => {
    const created = await createSome(5);
    const first = await service.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await service.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    const third = await service.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(third.nextCursor).toBeNull();
    const listed = [...first.items, ...second.items, ...third.items].map((item) => item.id);
    expect(listed).toEqual(created.map((item) => item.id));
  });

  it("lists with a default page size and refuses a page too large", async () => {
    await createSome(1);
    expect((await service.list()).items).toHaveLength(1);
    await expect(service.list({ limit: 1000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a malformed cursor", async () => {
    await expect(service.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("updates an order line and increments its version", async () => {
    const created = await service.create(await prepareNewOrderLine(store));
    clock.advance(5000);
    const changes = await prepareNewOrderLine(store);
    const updated = await service.update({ ...changes, id: created.id, version: 0 });
    expect(updated).toMatchObject({ ...changes, version: 1, createdAt: created.createdAt, updatedAt: clock.now() });
  });

  it("refuses an update at a stale version with CONFLICT", async () => {
    const created = await service.create(await prepareNewOrderLine(store));
    await service.update({ id: created.id, version: 0 });
    await expect(service.update({ id: created.id, version: 0 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("reports an update of an unknown order line as NOT_FOUND", async () => {
    await expect(service.update({ id: randomUUID(), version: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes an order line", async () => {
    const created = await service.create(await prepareNewOrderLine(store));
    await service.delete(created.id);
    await expect(service.get(created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
