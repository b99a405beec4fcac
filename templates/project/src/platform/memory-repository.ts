// An in-memory repository for one entity, made from a description of its table: the columns stored
// as null when absent, the unique columns and the references to other tables. It refuses what the
// database's constraints refuse, with the same error codes and details as the Prisma repositories
// (db/prisma-errors.ts), so services are tested against it. Each module's repository contract suite
// runs it next to the Prisma repository. Edit it to change what every in-memory table does.
import { randomUUID } from "node:crypto";
import { AppError, conflict, notFound, staleVersion } from "./errors.js";
import { asPromise, type MemoryDatabase } from "./memory-database.js";
import { comparePageKeys, isAfter, type PageRequest } from "./pagination.js";

/** The columns every entity's table has. */
export interface EntityRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface TableDescription<Row> {
  /** The model's name, e.g. `Order`. */
  name: string;
  /** Optional columns: absent on create, stored as null. */
  nullable?: readonly (keyof Row & string)[];
  unique?: readonly (keyof Row & string)[];
  /**
   * Columns holding the id of a row of another table, e.g.
   * `{ column: "customerId", target: "Customer" }`.
   */
  references?: readonly { column: keyof Row & string; target: string }[];
}

export interface MemoryRepository<Row, New, Changes> {
  create(data: New, now: Date): Promise<Row>;
  findById(id: string): Promise<Row | undefined>;
  list(request: PageRequest): Promise<Row[]>;
  update(id: string, version: number, changes: Changes, now: Date): Promise<Row>;
  delete(id: string): Promise<void>;
}

export function createMemoryRepository<Row extends EntityRow, New extends object, Changes extends object>(
  memory: MemoryDatabase,
  table: TableDescription<Row>,
): MemoryRepository<Row, New, Changes> {
  const rows = memory.table<Row>(table.name);
  const references = table.references ?? [];
  memory.addForeignKeys(references.map(({ column, target }) => ({ table: table.name, column, target })));

  // What is stored is built from the entity's own schemas, so it has the row's shape.
  const store = (row: object): Row => {
    const checked = row as Row;
    refuseDuplicates(table, [...rows.values()], checked);
    refuseMissingReferences(memory, table, checked);
    rows.set(checked.id, structuredClone(checked));
    return structuredClone(checked);
  };

  return {
    create: (data, now) =>
      asPromise(() => {
        const row: Record<string, unknown> = { ...data, id: randomUUID(), createdAt: now, updatedAt: now, version: 0 };
        for (const column of table.nullable ?? []) row[column] ??= null;
        return store(row);
      }),

    findById: (id) =>
      asPromise(() => {
        const row = rows.get(id);
        return row === undefined ? undefined : structuredClone(row);
      }),

    list: ({ limit, after }) =>
      asPromise(() =>
        [...rows.values()]
          .sort(comparePageKeys)
          .filter((row) => isAfter(row, after))
          .slice(0, limit)
          .map((row) => structuredClone(row)),
      ),

    update: (id, version, changes, now) =>
      asPromise(() => {
        const current = rows.get(id);
        if (current === undefined) throw notFound(table.name, id);
        if (current.version !== version) throw staleVersion(table.name, id, version);
        const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        return store({ ...current, ...given, updatedAt: now, version: current.version + 1 });
      }),

    delete: (id) =>
      asPromise(() => {
        if (!rows.has(id)) throw notFound(table.name, id);
        if (memory.isReferenced(table.name, id)) {
          throw conflict(`${table.name} ${id} is still referenced by other records`, { details: { entity: table.name, id } });
        }
        rows.delete(id);
      }),
  };
}

function refuseDuplicates<Row extends EntityRow>(table: TableDescription<Row>, stored: readonly Row[], row: Row): void {
  for (const column of table.unique ?? []) {
    const value = row[column];
    if (value === null) continue;
    if (stored.some((other) => other.id !== row.id && sameValue(other[column], value))) {
      throw conflict(`${table.name} has the same ${column} as another one`, {
        details: { entity: table.name, fields: [column] },
      });
    }
  }
}

function refuseMissingReferences<Row extends EntityRow>(memory: MemoryDatabase, table: TableDescription<Row>, row: Row): void {
  for (const { column, target } of table.references ?? []) {
    const id = row[column];
    if (typeof id === "string" && !memory.exists(target, id)) {
      throw new AppError("BAD_REQUEST", `${table.name} refers to a ${target} that does not exist`, {
        details: { entity: table.name, fields: [column] },
      });
    }
  }
}

/** Equality as a unique index sees it: dates by their instant, JSON by its content. */
function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof Date && right instanceof Date) return left.getTime() === right.getTime();
  if (typeof left === "object" && left !== null) return JSON.stringify(left) === JSON.stringify(right);
  return left === right;
}
