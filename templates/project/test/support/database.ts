// Databases for tests. Every suite that touches the database runs on embedded PGlite, and again on
// PostgreSQL when DATABASE_URL is set (test/global-setup.ts creates a throwaway database for the
// run). One database of each kind is opened and migrated once per run and emptied before each test.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { migrationsDir, openDatabase, type Database } from "../../src/platform/db/database.js";
import { migrate } from "../../src/platform/db/migrator.js";

export type DatabaseKind = "pglite" | "postgres";

const postgresUrl = inject("postgresUrl");

/** The database kinds suites run against, with the reason when one is skipped. */
export const databaseKinds: { kind: DatabaseKind; skip: string | false }[] = [
  { kind: "pglite", skip: false },
  { kind: "postgres", skip: postgresUrl === undefined ? "set DATABASE_URL to a PostgreSQL server to run" : false },
];

const shared = new Map<DatabaseKind, Promise<Database>>();

function open(kind: DatabaseKind): Promise<Database> {
  if (kind === "postgres") {
    if (postgresUrl === undefined) throw new Error("DATABASE_URL is not set");
    return openDatabase({ kind: "postgres", url: postgresUrl });
  }
  return openDatabase({ kind: "pglite", dataDir: "memory" });
}

export interface FreshDatabase {
  database: Database;
  /** Another connection to the same database, as a second instance of the service would open. */
  connectAgain(): Promise<Database>;
  dispose(): Promise<void>;
}

let scratchPglite: Promise<Database> | undefined;

/** An empty, unmigrated database of the kind, for tests of the migrator itself. */
export async function freshDatabase(kind: DatabaseKind): Promise<FreshDatabase> {
  if (kind === "pglite") {
    // One scratch instance for the run, emptied each time: PGlite takes seconds to start.
    scratchPglite ??= openDatabase({ kind: "pglite", dataDir: "memory" });
    const database = await scratchPglite;
    await database.withSession((session) => session.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
    return { database, connectAgain: () => Promise.resolve(database), dispose: () => Promise.resolve() };
  }
  if (postgresUrl === undefined) throw new Error("DATABASE_URL is not set");
  const name = `fresh_${randomBytes(6).toString("hex")}`;
  await adminQuery(postgresUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  const connectAgain = async () => {
    const database = await openDatabase({ kind: "postgres", url: url.toString() });
    opened.push(database);
    return database;
  };
  const database = await connectAgain();
  return {
    database,
    connectAgain,
    async dispose() {
      await Promise.all(opened.map((db) => db.close()));
      await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** One statement on the PostgreSQL server at `url`, on a connection of its own: its rows. */
export async function adminQuery<Row extends object = Record<string, unknown>>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The run's shared, migrated database of the kind, with every table emptied. */
export async function testDatabase(kind: DatabaseKind): Promise<Database> {
  let database = shared.get(kind);
  if (database === undefined) {
    database = open(kind).then(async (opened) => {
      await opened.withSession((session) => migrate(session, migrationsDir));
      return opened;
    });
    shared.set(kind, database);
  }
  const ready = await database;
  await truncateAll(ready);
  return ready;
}

async function truncateAll(database: Database): Promise<void> {
  await database.withSession(async (session) => {
    const tables = await session.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (tables.length === 0) return;
    const list = tables.map((table) => `"${table.tablename}"`).join(", ");
    await session.exec(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
  });
}
