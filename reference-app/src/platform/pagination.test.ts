import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  comparePageKeys,
  decodeCursor,
  defaultPageLimit,
  encodeCursor,
  isAfter,
  maxPageLimit,
  pageQuery,
  paginate,
  type PageKey,
  type PageRequest,
} from "./pagination.js";

function rowsAt(count: number): PageKey[] {
  return Array.from({ length: count }, (_, index) => ({
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, index)),
    id: randomUUID(),
  }));
}

/** A reader over rows in list order, as a repository's list reads them. */
function reader(rows: readonly PageKey[]) {
  const requests: PageRequest[] = [];
  const read = (request: PageRequest): Promise<PageKey[]> => {
    requests.push(request);
    const start =
      request.after === undefined ? 0 : rows.findIndex((row) => row.id === request.after?.id) + 1;
    return Promise.resolve(rows.slice(start, start + request.limit));
  };
  return { read, requests };
}

describe("paginate", () => {
  it("lists every row once, in order, a page at a time, and ends with a null cursor", async () => {
    const rows = rowsAt(5);
    const { read } = reader(rows);
    const first = await paginate({ limit: 2 }, read);
    const second = await paginate({ limit: 2, cursor: first.nextCursor ?? undefined }, read);
    const third = await paginate({ limit: 2, cursor: second.nextCursor ?? undefined }, read);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items]).toEqual(rows);
  });

  it("reads one row more than the page, to know whether another page follows", async () => {
    const { read, requests } = reader(rowsAt(2));
    const page = await paginate({ limit: 2 }, read);
    expect(requests).toEqual([{ limit: 3, after: undefined }]);
    expect(page.nextCursor).toBeNull();
  });

  it("reads a default page size when none is given", async () => {
    const { read, requests } = reader(rowsAt(1));
    expect((await paginate({}, read)).items).toHaveLength(1);
    expect(requests[0]?.limit).toBe(defaultPageLimit + 1);
  });

  it("refuses a page size out of range and a malformed cursor", async () => {
    const { read } = reader([]);
    await expect(paginate({ limit: 0 }, read)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(paginate({ limit: maxPageLimit + 1 }, read)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(paginate({ cursor: "not-a-cursor" }, read)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("the cursor", () => {
  it("carries the creation time and id of the last row of a page", () => {
    const key = { createdAt: new Date("2024-05-06T07:08:09.010Z"), id: randomUUID() };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it("is refused when its time or its id does not parse", () => {
    const bad = Buffer.from("yesterday|not-a-uuid").toString("base64url");
    expect(() => decodeCursor(bad)).toThrow("Invalid cursor");
  });
});

describe("the list order", () => {
  const at = (second: number, id: string): PageKey => ({
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, second)),
    id,
  });
  const a = "00000000-0000-4000-8000-00000000000a";
  const b = "00000000-0000-4000-8000-00000000000b";

  it("sorts by creation time, then id", () => {
    const rows = [at(2, a), at(1, b), at(1, a)];
    expect([...rows].sort(comparePageKeys)).toEqual([at(1, a), at(1, b), at(2, a)]);
  });

  it("starts after a given row, or at the first", () => {
    expect([
      isAfter(at(1, b), at(1, a)),
      isAfter(at(1, a), at(1, a)),
      isAfter(at(0, b), at(1, a)),
      isAfter(at(0, a), undefined),
    ]).toEqual([true, false, false, true]);
  });

  it("is the order and start of a Prisma query for a page", () => {
    const after = at(1, a);
    expect(pageQuery({ limit: 3, after })).toEqual({
      where: {
        OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: a } }],
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 3,
    });
    expect(pageQuery({ limit: 3, after: undefined }).where).toEqual({});
  });
});
