// The behaviour every order repository shares. order.repository.test.ts runs it on the
// in-memory repository and on the Prisma repository over each test database.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { createOrder, prepareNewOrder, type OrderStore } from "./order.builder.js";

export function orderRepositoryContract(openStore: () => Promise<OrderStore>): void {
  let store: OrderStore;

  beforeEach(async () => {
    store = await openStore();
  });

  it("creates an order at version 0 and finds it by id", async () => {
    const data = await prepareNewOrder(store);
    const now = new Date();
    const created = await store.orderRepository.create(data, now);
    expect(created).toMatchObject({ ...data, createdAt: now, updatedAt: now, version: 0 });
    expect(await store.orderRepository.findById(created.id)).toEqual(created);
  });

  it("finds nothing for an unknown id", async () => {
    expect(await store.orderRepository.findById(randomUUID())).toBeUndefined();
  });

  it("lists orders by creation time, then id, after a given one", async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const created = [
      await store.orderRepository.create(await prepareNewOrder(store), at(2)),
      await store.orderRepository.create(await prepareNewOrder(store), at(1)),
      await store.orderRepository.create(await prepareNewOrder(store), at(1)),
    ];
    const expected = [...created]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    const all = await store.orderRepository.list({ limit: 10, after: undefined });
    expect(all.map((row) => row.id)).toEqual(expected);
    const [first] = all;
    if (first === undefined) throw new Error("nothing listed");
    const rest = await store.orderRepository.list({ limit: 1, after: first });
    expect(rest.map((row) => row.id)).toEqual(expected.slice(1, 2));
  });

  it("updates an order at its version and increments the version", async () => {
    const created = await createOrder(store);
    const changes = await prepareNewOrder(store);
    const later = new Date(created.createdAt.getTime() + 60_000);
    const updated = await store.orderRepository.update(created.id, 0, changes, later);
    expect(updated).toMatchObject({
      ...changes,
      id: created.id,
      createdAt: created.createdAt,
      updatedAt: later,
      version: 1,
    });
    expect(await store.orderRepository.findById(created.id)).toEqual(updated);
  });

  it("refuses an update at a stale version", async () => {
    const created = await createOrder(store);
    await store.orderRepository.update(created.id, 0, {}, new Date());
    await expect(store.orderRepository.update(created.id, 0, {}, new Date())).rejects.toMatchObject(
      {
        code: "CONFLICT",
        details: { entity: "Order", id: created.id, version: 0 },
      },
    );
  });

  it("reports an update of an unknown order as not found", async () => {
    const id = randomUUID();
    await expect(store.orderRepository.update(id, 0, {}, new Date())).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Order", id },
    });
  });

  it("deletes an order, and reports deleting it again as not found", async () => {
    const created = await createOrder(store);
    await store.orderRepository.delete(created.id);
    expect(await store.orderRepository.findById(created.id)).toBeUndefined();
    await expect(store.orderRepository.delete(created.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Order", id: created.id },
    });
  });

  it("refuses an order whose customer does not exist", async () => {
    await expect(createOrder(store, { customerId: randomUUID() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { entity: "Order", fields: ["customerId"] },
    });
  });

  it("refuses to delete the customer that an order references as its customer", async () => {
    const created = await createOrder(store);
    await expect(store.customerRepository.delete(created.customerId)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Customer", id: created.customerId },
    });
  });
}
