// Rows stored before a change survive it: the chain of generated migrations is applied one by one,
// by the migrator generated services run at start, to a database that holds rows, and after every
// step each row is still there with its values, new columns at their defaults (NULL when optional
// without one), and enums still accepting their old values and their new ones. Runs on PGlite, and
// on PostgreSQL too when DATABASE_URL is set.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedField } from "../../../generators/src/entity/fields.js";
import type { EntityNames } from "../../../generators/src/entity/naming.js";
import { columnOf, typeOf } from "../../../generators/src/entity/field-types/index.js";
import { migrate } from "../../../templates/project/src/platform/db/migrator.js";
import type { SqlSession } from "../../../templates/project/src/platform/db/sql-session.js";
import { chainMigrations, type ChainMigration } from "../../support/evolve-chain.js";

interface TestDatabase {
  readonly session: SqlSession;
  close(): Promise<void>;
}

async function pglite(): Promise<TestDatabase> {
  const db = new PGlite();
  await db.waitReady;
  return {
    session: {
      query: async <Row extends object>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
      exec: async (script: string) => {
        await db.exec(script);
      },
    },
    close: () => db.close(),
  };
}

async function postgres(url: string): Promise<TestDatabase> {
  const name = `evolve_sql_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  return {
    session: {
      query: async <Row extends object>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
      exec: async (script: string) => {
        await client.query(script);
      },
    },
    async close() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

const databaseUrl = process.env.DATABASE_URL;
const kinds = [
  { kind: "PGlite", open: pglite },
  ...(databaseUrl === undefined ? [] : [{ kind: "PostgreSQL", open: () => postgres(databaseUrl) }]),
];

type Row = Record<string, string | null>;

/** What every table must hold: by table, by id, each column's value as JSON text (to_jsonb). */
type Expected = Map<string, Map<string, Row>>;

// The value a column added to a table with rows takes in those rows: its database default, as
// to_jsonb prints it (the chain adds no default whose printed form differs from its literal).
function valueOfNewColumn(field: ParsedField, entity: EntityNames): string | null {
  const literal = typeOf(field).sql(field, entity).default;
  if (literal === undefined) return null;
  return literal.startsWith("'") ? JSON.stringify(literal.slice(1, -1).replaceAll("''", "'")) : literal;
}

describe.each(kinds)("the chain of generated migrations on $kind", ({ open }) => {
  const chain = chainMigrations();
  let dir: string;
  let db: TestDatabase;
  const expected: Expected = new Map();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "evolve-data-"));
    db = await open();
  });

  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function apply(migration: ChainMigration): Promise<string[]> {
    await mkdir(path.join(dir, migration.name), { recursive: true });
    await writeFile(path.join(dir, migration.name, "migration.sql"), migration.sql);
    return (await migrate(db.session, dir)).applied;
  }

  async function insert(table: string, values: Record<string, string | null>): Promise<void> {
    const columns = Object.keys(values);
    const row = { id: randomUUID(), ...values };
    const names = ["id", ...columns, "updatedAt"].map((column) => `"${column}"`).join(", ");
    const placeholders = [...["id", ...columns].map((_, index) => `$${String(index + 1)}`), "now()"].join(", ");
    await db.session.query(`INSERT INTO "${table}" (${names}) VALUES (${placeholders})`, Object.values(row));
    const [stored] = await rows(table, row.id);
    if (stored === undefined) throw new Error(`row of ${table} not stored`);
    const tableRows = expected.get(table) ?? new Map<string, Row>();
    tableRows.set(row.id, stored);
    expected.set(table, tableRows);
  }

  async function rows(table: string, id?: string): Promise<Row[]> {
    const found = await db.session.query<{ row: Record<string, unknown> }>(
      `SELECT to_jsonb(t) AS row FROM "${table}" t ${id === undefined ? "" : "WHERE id = $1"} ORDER BY id`,
      id === undefined ? [] : [id],
    );
    return found.map(({ row }) =>
      Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value === null ? null : JSON.stringify(value)])),
    );
  }

  async function expectStoredRows(): Promise<void> {
    for (const [table, byId] of expected) {
      const want = [...byId.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
      expect(await rows(table), `the rows of ${table}`).toEqual(want);
    }
  }

  function follow(migration: ChainMigration): void {
    const table = migration.entity.pascal;
    if (migration.step.kind === "destroy") {
      expected.delete(table);
      return;
    }
    const byId = expected.get(table);
    if (byId === undefined) return;
    const kept = new Set(migration.after.map((field) => field.name));
    const had = new Set(migration.before.map((field) => field.name));
    for (const row of byId.values()) {
      for (const field of migration.before) if (!kept.has(field.name)) Reflect.deleteProperty(row, columnOf(field));
      for (const field of migration.after) if (!had.has(field.name)) row[columnOf(field)] = valueOfNewColumn(field, migration.entity);
    }
  }

  it("keep every row through every change that does not drop it, with new columns at their defaults", async () => {
    const ids: Record<string, string[]> = {};
    for (const migration of chain) {
      const step = migration.step.about;
      if (step.startsWith("makes fields required")) {
        // The migration stops on the NULLs it meets, inside its transaction, and changes nothing.
        await expect(apply(migration)).rejects.toThrow(/contains null values/);
        await expectStoredRows();
        await db.session.query(`UPDATE "Customer" SET zip = '00000' WHERE zip IS NULL`);
        await db.session.query(`UPDATE "Customer" SET phone = 'unknown' WHERE phone IS NULL`);
        for (const row of expected.get("Customer")?.values() ?? []) {
          row.zip ??= JSON.stringify("00000");
          row.phone ??= JSON.stringify("unknown");
        }
      }
      expect(await apply(migration), step).toEqual([migration.name]);
      follow(migration);
      await expectStoredRows();

      if (step === "creates Tag") {
        await insert("Customer", { name: "Ada", email: "ada@example.com" });
        await insert("Customer", { name: "Grace", email: "grace@example.com" });
        await insert("Product", { title: "Lamp", price: "12.50" });
        await insert("Product", { title: "Desk", price: "99.00", status: "ACTIVE" });
        const customers = [...(expected.get("Customer")?.keys() ?? [])];
        await insert("Order", { customerId: customers[0] ?? null, note: "first" });
        await insert("Order", { customerId: customers[1] ?? null, total: "10.00" });
        await insert("Tag", { label: "sale" });
        ids.customers = customers;
      }
      if (step.startsWith("adds enum values")) {
        await insert("Product", { title: "Chair", price: "40.00", status: "HIDDEN" });
        await insert("Product", { title: "Shelf", price: "30.00", status: "ARCHIVED" });
      }
      if (step === "adds an enum value") {
        await insert("Order", { customerId: ids.customers?.[0] ?? null, status: "FAILED" });
      }
      if (step.startsWith("makes the new value the default")) {
        await insert("Order", { customerId: ids.customers?.[1] ?? null, payerId: ids.customers?.[0] ?? null });
        expect([...(expected.get("Order")?.values() ?? [])].at(-1)?.status).toBe(JSON.stringify("FAILED"));
      }
      await expectStoredRows();
    }
    expect(expected.get("Order")?.size).toBe(4);
    expect(expected.get("Product")?.size).toBe(4);
    expect(expected.has("Tag")).toBe(false);
  });
});
