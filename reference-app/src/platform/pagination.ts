// Cursor pagination for every module's list use case. Lists are ordered by creation time, then id:
// a stable order that new rows only extend. The cursor is opaque to clients: the (createdAt, id) of
// the last item of a page, encoded. Change the limits here.
import * as z from "zod";
import { AppError } from "./errors.js";

export const defaultPageLimit = 20;
export const maxPageLimit = 100;

export const pageInputSchema = z.object({
  limit: z.int().min(1).max(maxPageLimit).default(defaultPageLimit),
  cursor: z.string().min(1).optional(),
});

export type PageInput = z.input<typeof pageInputSchema>;

/** Where a page starts: after the row with this creation time and id. */
export interface PageKey {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  after: PageKey | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(`${key.createdAt.toISOString()}|${key.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): PageKey {
  const [time = "", id = ""] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(time);
  if (Number.isNaN(createdAt.getTime()) || !z.uuid().safeParse(id).success) {
    throw new AppError("BAD_REQUEST", "Invalid cursor", { details: { cursor } });
  }
  return { createdAt, id };
}

/** The list order: creation time, then id. */
export function comparePageKeys(a: PageKey, b: PageKey): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Whether `row` comes after `after` in the list order; every row does when `after` is undefined.
 */
export function isAfter(row: PageKey, after: PageKey | undefined): boolean {
  return after === undefined || comparePageKeys(row, after) > 0;
}

/** The arguments of a Prisma `findMany` that reads a page in the list order. */
export interface PageQuery {
  where: { OR?: [{ createdAt: { gt: Date } }, { createdAt: Date; id: { gt: string } }] };
  orderBy: [{ createdAt: "asc" }, { id: "asc" }];
  take: number;
}

export function pageQuery({ limit, after }: PageRequest): PageQuery {
  return {
    where:
      after === undefined
        ? {}
        : {
            OR: [
              { createdAt: { gt: after.createdAt } },
              { createdAt: after.createdAt, id: { gt: after.id } },
            ],
          },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  };
}

/** Reads one row more than the page holds, to know whether another page follows. */
export async function paginate<T extends PageKey>(
  input: PageInput,
  read: (request: PageRequest) => Promise<T[]>,
): Promise<Page<T>> {
  const parsed = pageInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("BAD_REQUEST", "Invalid page request", { cause: parsed.error });
  }
  const { limit, cursor } = parsed.data;
  const rows = await read({
    limit: limit + 1,
    after: cursor === undefined ? undefined : decodeCursor(cursor),
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null,
  };
}
