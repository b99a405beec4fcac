// The behaviour every customer repository shares. customer.repository.test.ts runs it on the
// in-memory repository and on the Prisma repository over each test database.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { createCustomer, prepareNewCustomer, type CustomerStore } from "./customer.builder.js";

export function customerRepositoryContract(openStore: () => Promise<CustomerStore>): void {
  let store: CustomerStore;

  beforeEach(async () => {
    store = await openStore();
  });

  it("creates a customer at version 0 and finds it by id", async () => {
    const data = await prepareNewCustomer(store);
    const now = new Date();
    const created = await store.customerRepository.create(data, now);
    expect(created).toMatchObject({ ...data, createdAt: now, updatedAt: now, version: 0 });
    expect(await store.customerRepository.findById(created.id)).toEqual(created);
  });

  it("finds nothing for an unknown id", async () => {
    expect(await store.customerRepository.findById(randomUUID())).toBeUndefined();
  });

  it("lists customers by creation time, then id, after a given one", async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const created = [
      await store.customerRepository.create(await prepareNewCustomer(store), at(2)),
      await store.customerRepository.create(await prepareNewCustomer(store), at(1)),
      await store.customerRepository.create(await prepareNewCustomer(store), at(1)),
    ];
    const expected = [...created]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    const all = await store.customerRepository.list({ limit: 10, after: undefined });
    expect(all.map((row) => row.id)).toEqual(expected);
    const [first] = all;
    if (first === undefined) throw new Error("nothing listed");
    const rest = await store.customerRepository.list({ limit: 1, after: first });
    expect(rest.map((row) => row.id)).toEqual(expected.slice(1, 2));
  });

  it("updates a customer at its version and increments the version", async () => {
    const created = await createCustomer(store);
    const changes = await prepareNewCustomer(store);
    const later = new Date(created.createdAt.getTime() + 60_000);
    const updated = await store.customerRepository.update(created.id, 0, changes, later);
    expect(updated).toMatchObject({
      ...changes,
      id: created.id,
      createdAt: created.createdAt,
      updatedAt: later,
      version: 1,
    });
    expect(await store.customerRepository.findById(created.id)).toEqual(updated);
  });

  it("refuses an update at a stale version", async () => {
    const created = await createCustomer(store);
    await store.customerRepository.update(created.id, 0, {}, new Date());
    await expect(
      store.customerRepository.update(created.id, 0, {}, new Date()),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Customer", id: created.id, version: 0 },
    });
  });

  it("reports an update of an unknown customer as not found", async () => {
    const id = randomUUID();
    await expect(store.customerRepository.update(id, 0, {}, new Date())).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Customer", id },
    });
  });

  it("deletes a customer, and reports deleting it again as not found", async () => {
    const created = await createCustomer(store);
    await store.customerRepository.delete(created.id);
    expect(await store.customerRepository.findById(created.id)).toBeUndefined();
    await expect(store.customerRepository.delete(created.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Customer", id: created.id },
    });
  });

  it("refuses a second customer with the same email", async () => {
    const first = await createCustomer(store);
    await expect(createCustomer(store, { email: first.email })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Customer", fields: ["email"] },
    });
  });
}
