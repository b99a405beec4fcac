import { randomUUID } from "node:crypto";
import { conflict, notFound } from "../../platform/errors.js";
import { asPromise, createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { Customer } from "./customer.js";
import type { CustomerRepository } from "./customer.repository.js";

/**
 * In-memory customers, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createCustomerMemoryRepository(memory: MemoryDatabase = createMemoryDatabase()): CustomerRepository {
  const rows = memory.table<Customer>("Customer");

  const store = (row: Customer): Customer => {
    const others = [...rows.values()].filter((other) => other.id !== row.id);
    if (others.some((other) => other.email === row.email)) {
      throw conflict("Customer has the same email as another one", {
        details: { entity: "Customer", fields: ["email"] },
      });
    }
    rows.set(row.id, structuredClone(row));
    return structuredClone(row);
  };

  return {
    create: (data, now) =>
      asPromise(() =>
        store({
          ...data,
          phone: data.phone ?? null,
          address: data.address ?? null,
          id: randomUUID(),
          createdAt: now,
          updatedAt: now,
          version: 0,
        }),
      ),

    findById: (id) =>
      asPromise(() => {
        const row = rows.get(id);
        return row === undefined ? undefined : structuredClone(row);
      }),

    list: ({ limit, after }) =>
      asPromise(() =>
        [...rows.values()]
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .filter(
            (row) =>
              after === undefined ||
              row.createdAt.getTime() > after.createdAt.getTime() ||
              (row.createdAt.getTime() === after.createdAt.getTime() && row.id > after.id),
          )
          .slice(0, limit)
          .map((row) => structuredClone(row)),
      ),

    update: (id, version, changes, now) =>
      asPromise(() => {
        const current = rows.get(id);
        if (current === undefined) throw notFound("Customer", id);
        if (current.version !== version) {
          throw conflict(`Customer ${id} is no longer at version ${String(version)}`, { details: { id, version } });
        }
        const next: Customer = { ...current, updatedAt: now, version: current.version + 1 };
        if (changes.name !== undefined) next.name = changes.name;
        if (changes.email !== undefined) next.email = changes.email;
        if (changes.phone !== undefined) next.phone = changes.phone;
        if (changes.address !== undefined) next.address = changes.address;
        return store(next);
      }),

    delete: (id) =>
      asPromise(() => {
        if (!rows.has(id)) throw notFound("Customer", id);
        if (memory.isReferenced("Customer", id)) {
          throw conflict(`Customer ${id} is still referenced by other records`, { details: { id } });
        }
        rows.delete(id);
      }),
  };
}
