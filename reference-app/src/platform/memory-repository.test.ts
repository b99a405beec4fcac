import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryDatabase, type MemoryDatabase } from "./memory-database.js";
import { createMemoryRepository, type EntityRow } from "./memory-repository.js";

interface Owner extends EntityRow {
  name: string;
}

interface Item extends EntityRow {
  code: string;
  seenAt: Date | null;
  meta: Record<string, unknown>;
  ownerId: string | null;
}

type NewItem = Omit<Item, keyof EntityRow | "seenAt" | "ownerId"> & {
  seenAt?: Date | null;
  ownerId?: string | null;
};

describe("an in-memory repository made from a description of its table", () => {
  let memory: MemoryDatabase;
  const owners = () =>
    createMemoryRepository<Owner, { name: string }, Partial<{ name: string }>>(memory, {
      name: "Owner",
    });
  const items = () =>
    createMemoryRepository<Item, NewItem, Partial<NewItem>>(memory, {
      name: "Item",
      nullable: ["seenAt", "ownerId"],
      unique: ["code", "seenAt", "meta"],
      references: [{ column: "ownerId", target: "Owner" }],
    });
  const now = new Date("2024-01-01T00:00:00.000Z");
  let sequence = 0;
  const newItem = (overrides: Partial<NewItem> = {}): NewItem => {
    sequence += 1;
    return { code: `code ${String(sequence)}`, meta: { sequence }, ...overrides };
  };

  beforeEach(() => {
    memory = createMemoryDatabase();
  });

  it("stores absent optional columns as null and numbers versions from 0", async () => {
    const created = await items().create(newItem(), now);
    expect(created).toMatchObject({
      seenAt: null,
      ownerId: null,
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
    expect(await items().findById(created.id)).toEqual(created);
  });

  it("hands out copies, so that callers cannot change what is stored", async () => {
    const created = await items().create(newItem(), now);
    created.meta.changed = true;
    expect((await items().findById(created.id))?.meta).not.toHaveProperty("changed");
  });

  it("refuses a repeated unique value, comparing dates by instant and JSON by content, but not nulls", async () => {
    const repository = items();
    const first = await repository.create(newItem({ seenAt: new Date(now) }), now);
    await expect(repository.create(newItem({ code: first.code }), now)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Item", fields: ["code"] },
    });
    await expect(repository.create(newItem({ seenAt: new Date(now) }), now)).rejects.toMatchObject({
      details: { entity: "Item", fields: ["seenAt"] },
    });
    await expect(
      repository.create(newItem({ meta: { ...first.meta } }), now),
    ).rejects.toMatchObject({
      details: { entity: "Item", fields: ["meta"] },
    });
    await repository.create(newItem(), now);
    await expect(repository.create(newItem(), now)).resolves.toMatchObject({ seenAt: null });
  });

  it("refuses a reference to a missing row, and deleting a row that is referenced", async () => {
    await expect(items().create(newItem({ ownerId: randomUUID() }), now)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { entity: "Item", fields: ["ownerId"] },
    });
    const owner = await owners().create({ name: "Ada" }, now);
    await items().create(newItem({ ownerId: owner.id }), now);
    await expect(owners().delete(owner.id)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Owner", id: owner.id },
    });
  });

  it("updates at the current version only, applying the changes given", async () => {
    const repository = items();
    const created = await repository.create(newItem(), now);
    const later = new Date(now.getTime() + 1000);
    const updated = await repository.update(
      created.id,
      0,
      { code: "new", seenAt: undefined },
      later,
    );
    expect(updated).toMatchObject({ code: "new", seenAt: null, updatedAt: later, version: 1 });
    await expect(repository.update(created.id, 0, {}, later)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Item", id: created.id, version: 0 },
    });
    const unknown = randomUUID();
    await expect(repository.update(unknown, 0, {}, later)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Item", id: unknown },
    });
  });

  it("lists by creation time, then id, after a given row", async () => {
    const repository = items();
    const at = (second: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, second));
    const created = [
      await repository.create(newItem(), at(2)),
      await repository.create(newItem(), at(1)),
      await repository.create(newItem(), at(1)),
    ];
    const expected = [...created].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    );
    expect(await repository.list({ limit: 10, after: undefined })).toEqual(expected);
    expect(await repository.list({ limit: 1, after: expected[0] })).toEqual(expected.slice(1, 2));
  });

  it("deletes a row, and reports deleting it again as not found", async () => {
    const repository = items();
    const created = await repository.create(newItem(), now);
    await repository.delete(created.id);
    expect(await repository.findById(created.id)).toBeUndefined();
    await expect(repository.delete(created.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Item", id: created.id },
    });
  });
});
