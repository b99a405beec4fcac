// The behaviour every shipment repository shares. shipment.repository.test.ts runs it on the
// in-memory repository and on the Prisma repository over each test database.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { createShipment, prepareNewShipment, type ShipmentStore } from "./shipment.builder.js";

export function shipmentRepositoryContract(openStore: () => Promise<ShipmentStore>): void {
  let store: ShipmentStore;

  beforeEach(async () => {
    store = await openStore();
  });

  it("creates a shipment at version 0 and finds it by id", async () => {
    const data = await prepareNewShipment(store);
    const now = new Date();
    const created = await store.shipmentRepository.create(data, now);
    expect(created).toMatchObject({ ...data, createdAt: now, updatedAt: now, version: 0 });
    expect(await store.shipmentRepository.findById(created.id)).toEqual(created);
  });

  it("finds nothing for an unknown id", async () => {
    expect(await store.shipmentRepository.findById(randomUUID())).toBeUndefined();
  });

  it("lists shipments by creation time, then id, after a given one", async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const created = [
      await store.shipmentRepository.create(await prepareNewShipment(store), at(2)),
      await store.shipmentRepository.create(await prepareNewShipment(store), at(1)),
      await store.shipmentRepository.create(await prepareNewShipment(store), at(1)),
    ];
    const expected = [...created]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    const all = await store.shipmentRepository.list({ limit: 10, after: undefined });
    expect(all.map((row) => row.id)).toEqual(expected);
    const [first] = all;
    if (first === undefined) throw new Error("nothing listed");
    const rest = await store.shipmentRepository.list({ limit: 1, after: first });
    expect(rest.map((row) => row.id)).toEqual(expected.slice(1, 2));
  });

  it("updates a shipment at its version and increments the version", async () => {
    const created = await createShipment(store);
    const changes = await prepareNewShipment(store);
    const later = new Date(created.createdAt.getTime() + 60_000);
    const updated = await store.shipmentRepository.update(created.id, 0, changes, later);
    expect(updated).toMatchObject({
      ...changes,
      id: created.id,
      createdAt: created.createdAt,
      updatedAt: later,
      version: 1,
    });
    expect(await store.shipmentRepository.findById(created.id)).toEqual(updated);
  });

  it("refuses an update at a stale version", async () => {
    const created = await createShipment(store);
    await store.shipmentRepository.update(created.id, 0, {}, new Date());
    await expect(
      store.shipmentRepository.update(created.id, 0, {}, new Date()),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Shipment", id: created.id, version: 0 },
    });
  });

  it("reports an update of an unknown shipment as not found", async () => {
    const id = randomUUID();
    await expect(store.shipmentRepository.update(id, 0, {}, new Date())).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Shipment", id },
    });
  });

  it("deletes a shipment, and reports deleting it again as not found", async () => {
    const created = await createShipment(store);
    await store.shipmentRepository.delete(created.id);
    expect(await store.shipmentRepository.findById(created.id)).toBeUndefined();
    await expect(store.shipmentRepository.delete(created.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Shipment", id: created.id },
    });
  });

  it("refuses a shipment whose order does not exist", async () => {
    await expect(createShipment(store, { orderId: randomUUID() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { entity: "Shipment", fields: ["orderId"] },
    });
  });

  it("refuses to delete the order that a shipment references as its order", async () => {
    const created = await createShipment(store);
    await expect(store.orderRepository.delete(created.orderId)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Order", id: created.orderId },
    });
  });
}
