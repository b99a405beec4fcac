import { randomUUID } from "node:crypto";
import { conflict, notFound } from "../../platform/errors.js";
import { asPromise, createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { Product } from "./product.js";
import type { ProductRepository } from "./product.repository.js";

/**
 * In-memory products, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createProductMemoryRepository(memory: MemoryDatabase = createMemoryDatabase()): ProductRepository {
  const rows = memory.table<Product>("Product");

  const store = (row: Product): Product => {
    const others = [...rows.values()].filter((other) => other.id !== row.id);
    if (others.some((other) => other.sku === row.sku)) {
      throw conflict("Product has the same sku as another one", {
        details: { entity: "Product", fields: ["sku"] },
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
          description: data.description ?? null,
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
        if (current === undefined) throw notFound("Product", id);
        if (current.version !== version) {
          throw conflict(`Product ${id} is no longer at version ${String(version)}`, { details: { id, version } });
        }
        const next: Product = { ...current, updatedAt: now, version: current.version + 1 };
        if (changes.sku !== undefined) next.sku = changes.sku;
        if (changes.name !== undefined) next.name = changes.name;
        if (changes.description !== undefined) next.description = changes.description;
        if (changes.price !== undefined) next.price = changes.price;
        if (changes.stock !== undefined) next.stock = changes.stock;
        if (changes.status !== undefined) next.status = changes.status;
        return store(next);
      }),

    delete: (id) =>
      asPromise(() => {
        if (!rows.has(id)) throw notFound("Product", id);
        if (memory.isReferenced("Product", id)) {
          throw conflict(`Product ${id} is still referenced by other records`, { details: { id } });
        }
        rows.delete(id);
      }),
  };
}
