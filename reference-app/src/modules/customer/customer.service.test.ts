import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../test/support/clock.js";
import { prepareNewCustomer, customerMemoryStore, type CustomerStore } from "./customer.builder.js";
import type { Customer } from "./customer.js";
import { createCustomerService, type CustomerService } from "./customer.service.js";

describe("the customer service", () => {
  let store: CustomerStore;
  let clock: ReturnType<typeof fixedClock>;
  let service: CustomerService;

  beforeEach(() => {
    store = customerMemoryStore();
    clock = fixedClock(new Date("2024-01-01T00:00:00.000Z"));
    service = createCustomerService({ customerRepository: store.customerRepository, clock });
  });

  async function createSome(count: number): Promise<Customer[]> {
    const created: Customer[] = [];
    for (let index = 0; index < count; index += 1) {
      created.push(await service.create(await prepareNewCustomer(store)));
      clock.advance(1000);
    }
    return created;
  }

  it("creates a customer stamped with the clock's time", async () => {
    const created = await service.create(await prepareNewCustomer(store));
    expect(created).toMatchObject({ createdAt: clock.now(), updatedAt: clock.now(), version: 0 });
    expect(await service.get(created.id)).toEqual(created);
  });

  it("reports an unknown customer as NOT_FOUND", async () => {
    await expect(service.get(randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  // Page sizes and cursors are the platform's (platform/pagination.test.ts); this is the wiring.
  it("lists every customer once, in creation order, a page at a time", async () => {
    const created = await createSome(3);
    const first = await service.list({ limit: 2 });
    const second = await service.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(
      created.map((item) => item.id),
    );
  });

  it("updates a customer and increments its version", async () => {
    const created = await service.create(await prepareNewCustomer(store));
    clock.advance(5000);
    const changes = await prepareNewCustomer(store);
    const updated = await service.update({ ...changes, id: created.id, version: 0 });
    expect(updated).toMatchObject({
      ...changes,
      version: 1,
      createdAt: created.createdAt,
      updatedAt: clock.now(),
    });
  });

  it("refuses an update at a stale version with CONFLICT", async () => {
    const created = await service.create(await prepareNewCustomer(store));
    await service.update({ id: created.id, version: 0 });
    await expect(service.update({ id: created.id, version: 0 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("reports an update of an unknown customer as NOT_FOUND", async () => {
    await expect(service.update({ id: randomUUID(), version: 0 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("deletes a customer", async () => {
    const created = await service.create(await prepareNewCustomer(store));
    await service.delete(created.id);
    await expect(service.get(created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
