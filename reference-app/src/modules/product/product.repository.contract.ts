// The behaviour every product repository shares. product.repository.test.ts runs it on the
// in-memory repository and on the Prisma repository over each test database.
import { randomUUID } from "node:crypto";
import { beforeEach, expect, it } from "vitest";
import { createProduct, prepareNewProduct, type ProductStore } from "./product.builder.js";

export function productRepositoryContract(openStore: () => Promise<ProductStore>): void {
  let store: ProductStore;

  beforeEach(async () => {
    store = await openStore();
  });

  it("creates a product at version 0 and finds it by id", async () => {
    const data = await prepareNewProduct(store);
    const now = new Date();
    const created = await store.productRepository.create(data, now);
    expect(created).toMatchObject({ ...data, createdAt: now, updatedAt: now, version: 0 });
    expect(await store.productRepository.findById(created.id)).toEqual(created);
  });

  it("finds nothing for an unknown id", async () => {
    expect(await store.productRepository.findById(randomUUID())).toBeUndefined();
  });

  it("lists products by creation time, then id, after a given one", async () => {
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const created = [
      await store.productRepository.create(await prepareNewProduct(store), at(2)),
      await store.productRepository.create(await prepareNewProduct(store), at(1)),
      await store.productRepository.create(await prepareNewProduct(store), at(1)),
    ];
    const expected = [...created]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    const all = await store.productRepository.list({ limit: 10, after: undefined });
    expect(all.map((row) => row.id)).toEqual(expected);
    const [first] = all;
    if (first === undefined) throw new Error("nothing listed");
    const rest = await store.productRepository.list({ limit: 1, after: first });
    expect(rest.map((row) => row.id)).toEqual(expected.slice(1, 2));
  });

  it("updates a product at its version and increments the version", async () => {
    const created = await createProduct(store);
    const changes = await prepareNewProduct(store);
    const later = new Date(created.createdAt.getTime() + 60_000);
    const updated = await store.productRepository.update(created.id, 0, changes, later);
    expect(updated).toMatchObject({
      ...changes,
      id: created.id,
      createdAt: created.createdAt,
      updatedAt: later,
      version: 1,
    });
    expect(await store.productRepository.findById(created.id)).toEqual(updated);
  });

  it("refuses an update at a stale version", async () => {
    const created = await createProduct(store);
    await store.productRepository.update(created.id, 0, {}, new Date());
    await expect(
      store.productRepository.update(created.id, 0, {}, new Date()),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Product", id: created.id, version: 0 },
    });
  });

  it("reports an update of an unknown product as not found", async () => {
    const id = randomUUID();
    await expect(store.productRepository.update(id, 0, {}, new Date())).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Product", id },
    });
  });

  it("deletes a product, and reports deleting it again as not found", async () => {
    const created = await createProduct(store);
    await store.productRepository.delete(created.id);
    expect(await store.productRepository.findById(created.id)).toBeUndefined();
    await expect(store.productRepository.delete(created.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Product", id: created.id },
    });
  });

  it("refuses a second product with the same sku", async () => {
    const first = await createProduct(store);
    await expect(createProduct(store, { sku: first.sku })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Product", fields: ["sku"] },
    });
  });
}
