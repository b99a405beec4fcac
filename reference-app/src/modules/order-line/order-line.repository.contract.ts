// The behaviour every order line repository shares. order-line.repository.test.ts runs it on the
// in-memory repository and on the Prisma repository over each test database.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { createOrderLine, prepareNewOrderLine, type OrderLineStore } from "./order-line.builder.js";

export function orderLineRepositoryContract(openStore: () => Promise<OrderLineStore>): void {
  let store: OrderLineStore;

  beforeEach(async () => {
    store = await openStore();
  });

  it("creates an order line at version 0 and finds it by id", async () => {
    const data = await prepareNewOrderLine(store);
    const now = new Date();
    const created = await store.orderLineRepository.create(data, now);
    expect(created).toMatchObject({ ...data, createdAt: now, updatedAt: now, version: 0 });
    expect(await store.orderLineRepository.findById(created.id)).toEqual(created);
  });

  it("finds nothing for an unknown id", async () => {
    expect(await store.orderLineRepository.findById(randomUUID())).toBeUndefined();
  });

  it("lists order lines by creation time, then id, after a given one", async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const created = [
      await store.orderLineRepository.create(await prepareNewOrderLine(store), at(2)),
      await store.orderLineRepository.create(await prepareNewOrderLine(store), at(1)),
      await store.orderLineRepository.create(await prepareNewOrderLine(store), at(1)),
    ];
    const expected = [...created]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    const all = await store.orderLineRepository.list({ limit: 10, after: undefined });
    expect(all.map((row) => row.id)).toEqual(expected);
    const [first] = all;
    if (first === undefined) throw new Error("nothing listed");
    const rest = await store.orderLineRepository.list({ limit: 1, after: first });
    expect(rest.map((row) => row.id)).toEqual(expected.slice(1, 2));
  });

  it("updates an order line at its version and increments the version", async () => {
    const created = await createOrderLine(store);
    const changes = await prepareNewOrderLine(store);
    const later = new Date(created.createdAt.getTime() + 60_000);
    const updated = await store.orderLineRepository.update(created.id, 0, changes, later);
    expect(updated).toMatchObject({
      ...changes,
      id: created.id,
      createdAt: created.createdAt,
      updatedAt: later,
      version: 1,
    });
    expect(await store.orderLineRepository.findById(created.id)).toEqual(updated);
  });

  it("refuses an update at a stale version", async () => {
    const created = await createOrderLine(store);
    await store.orderLineRepository.update(created.id, 0, {}, new Date());
    await expect(
      store.orderLineRepository.update(created.id, 0, {}, new Date()),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "OrderLine", id: created.id, version: 0 },
    });
  });

  it("reports an update of an unknown order line as not found", async () => {
    const id = randomUUID();
    await expect(store.orderLineRepository.update(id, 0, {}, new Date())).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "OrderLine", id },
    });
  });

  it("deletes an order line, and reports deleting it again as not found", async () => {
    const created = await createOrderLine(store);
    await store.orderLineRepository.delete(created.id);
    expect(await store.orderLineRepository.findById(created.id)).toBeUndefined();
    await expect(store.orderLineRepository.delete(created.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "OrderLine", id: created.id },
    });
  });

  it("refuses an order line whose order does not exist", async () => {
    await expect(createOrderLine(store, { orderId: randomUUID() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { entity: "OrderLine", fields: ["orderId"] },
    });
  });

  it("refuses to delete the order that an order line references as its order", async () => {
    const created = await createOrderLine(store);
    await expect(store.orderRepository.delete(created.orderId)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Order", id: created.orderId },
    });
  });

  it("refuses an order line whose product does not exist", async () => {
    await expect(createOrderLine(store, { productId: randomUUID() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { entity: "OrderLine", fields: ["productId"] },
    });
  });

  it("refuses to delete the product that an order line references as its product", async () => {
    const created = await createOrderLine(store);
    await expect(store.productRepository.delete(created.productId)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Product", id: created.productId },
    });
  });
}
