// Tables in memory for the in-memory repositories that services are tested against. Repositories
// that share one MemoryDatabase check references the way foreign keys do: a row must point at an
// existing row, and a row that others point at cannot be deleted.
export interface ForeignKey {
  /** The referencing table and its column holding the id, e.g. `Order` and `customerId`. */
  table: string;
  column: string;
  /** The referenced table, e.g. `Customer`. */
  target: string;
}

export interface MemoryDatabase {
  /** The rows of a table by id; every repository of the table sees the same map. */
  table<Row extends { id: string }>(name: string): Map<string, Row>;
  addForeignKeys(keys: readonly ForeignKey[]): void;
  exists(table: string, id: string): boolean;
  isReferenced(table: string, id: string): boolean;
}

export function createMemoryDatabase(): MemoryDatabase {
  const tables = new Map<string, Map<string, unknown>>();
  const foreignKeys: ForeignKey[] = [];
  const rowsOf = (name: string): Map<string, unknown> => {
    let rows = tables.get(name);
    if (rows === undefined) {
      rows = new Map();
      tables.set(name, rows);
    }
    return rows;
  };
  return {
    table: <Row extends { id: string }>(name: string) => rowsOf(name) as Map<string, Row>,
    addForeignKeys(keys) {
      for (const key of keys) {
        const known = foreignKeys.some(
          (other) =>
            other.table === key.table && other.column === key.column && other.target === key.target,
        );
        if (!known) foreignKeys.push(key);
      }
    },
    exists: (table, id) => rowsOf(table).has(id),
    isReferenced: (table, id) =>
      foreignKeys.some(
        (key) =>
          key.target === table &&
          [...rowsOf(key.table).values()].some(
            (row) => (row as Record<string, unknown>)[key.column] === id,
          ),
      ),
  };
}

/**
 * Runs `work` as a promise, so that in-memory repositories fail the way database calls do: by
 * rejecting.
 */
export function asPromise<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}
