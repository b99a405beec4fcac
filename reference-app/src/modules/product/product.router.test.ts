import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildServices } from "../../../test/support/app.js";
import { databaseKinds, testDatabase } from "../../../test/support/database.js";
import { appRouter } from "../../app-router.js";
import { createContextInner } from "../../platform/context.js";
import { createLogger } from "../../platform/logger.js";
import { createCallerFactory } from "../../trpc.js";
import { prepareNewProduct, productPrismaStore, type ProductStore } from "./product.builder.js";

const createCaller = createCallerFactory(appRouter);

describe.each(databaseKinds)("the product router on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  let caller: ReturnType<typeof createCaller>;
  let store: ProductStore;

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
    store = productPrismaStore(database.prisma);
  });

  it("creates a product and gets it back", async () => {
    const created = await caller.product.create(await prepareNewProduct(store));
    expect(await caller.product.get({ id: created.id })).toEqual(created);
  });

  it("answers NOT_FOUND for an unknown product", async () => {
    await expect(caller.product.get({ id: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("answers BAD_REQUEST for invalid input", async () => {
    await expect(caller.product.get({ id: "not-a-uuid" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(caller.product.list({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.product.update({ id: randomUUID(), version: -1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("answers CONFLICT for an update at a stale version", async () => {
    const created = await caller.product.create(await prepareNewProduct(store));
    const updated = await caller.product.update({ id: created.id, version: created.version });
    expect(updated.version).toBe(created.version + 1);
    await expect(
      caller.product.update({ id: created.id, version: created.version }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("answers CONFLICT for a second product with the same sku", async () => {
    const first = await caller.product.create(await prepareNewProduct(store));
    await expect(
      caller.product.create(await prepareNewProduct(store, { sku: first.sku })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lists products a page at a time", async () => {
    for (let index = 0; index < 3; index += 1) {
      await caller.product.create(await prepareNewProduct(store));
    }
    const first = await caller.product.list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await caller.product.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it("deletes a product", async () => {
    const created = await caller.product.create(await prepareNewProduct(store));
    expect(await caller.product.delete({ id: created.id })).toEqual({ id: created.id });
    await expect(caller.product.get({ id: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
