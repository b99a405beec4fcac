// A database for the saga runner's tests: embedded PGlite, or a throwaway database on the
// PostgreSQL server of the run, with the saga table created by the app's own migration of it (only
// that one: the runner needs no other table), or, for tests of sagas over the app's tables, every
// migration of the app. Every runner the tests start gets its own pg-boss and its own view of the
// database, which `crash()` cuts off: from then on nothing that instance sends reaches the database,
// and nothing it waits for returns, as when a process dies.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PgBoss, fromPglite, type Db } from "pg-boss";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { inject } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import { migrationsDir } from "../../src/platform/db/database.js";
import { readMigrationFiles, type MigrationFile } from "../../src/platform/db/migrator.js";
import type { SqlClient } from "../../src/platform/saga/saga-store.js";
import type { TransactionalSqlClient } from "../../src/platform/saga/saga-runner.js";
import type { DatabaseKind } from "./database.js";

export interface Instance {
  db: TransactionalSqlClient;
  /**
   * The instance's Prisma client, for the repositories its sagas use: cut off by `crash()` like
   * `db`. A transaction open at the crash is rolled back, as the server does when a process dies.
   */
  prisma: PrismaClient;
  boss: PgBoss;
  /** Errors pg-boss reported. */
  errors: Error[];
  /** Ends the instance as a crash would: its pending and later database calls never return. */
  crash(): void;
  readonly crashed: boolean;
  /** Stops pg-boss cleanly (an instance that did not crash). */
  stop(): Promise<void>;
}

export interface SagaDatabase {
  prisma: PrismaClient;
  /** A new instance of the service on this database. */
  instance(): Promise<Instance>;
  close(): Promise<void>;
}

const never = new Promise<never>(() => undefined);

export interface SagaDatabaseOptions {
  /** "saga": the saga table alone (the default); "app": every table of the app. */
  schema?: "saga" | "app";
}

export async function openSagaDatabase(
  kind: DatabaseKind,
  { schema = "saga" }: SagaDatabaseOptions = {},
): Promise<SagaDatabase> {
  const migrations =
    schema === "app" ? await readMigrationFiles(migrationsDir) : [await sagaMigration()];
  const backend = kind === "pglite" ? await openPgliteBackend() : await openPostgresBackend();
  for (const migration of migrations) await backend.exec(migration.sql);
  const instances: Instance[] = [];
  return {
    prisma: backend.prisma,
    async instance() {
      let crashed = false;
      const live = <T>(call: () => Promise<T>): Promise<T> => (crashed ? never : call());
      const bossDb = backend.bossDb();
      const boss = new PgBoss({
        db: {
          executeSql: (text, values) => live(() => bossDb.executeSql(text, values)),
          setSessionStatements: bossDb.setSessionStatements?.bind(bossDb),
        },
        ...(kind === "pglite" ? { backend: "pglite" as const } : {}),
        superviseIntervalSeconds: 1,
        monitorIntervalSeconds: 1,
      });
      const errors: Error[] = [];
      boss.on("error", (error: Error) => errors.push(error));
      await boss.start();
      const view = (client: SqlClient): SqlClient => ({
        $queryRawUnsafe: <T>(query: string, ...values: unknown[]) =>
          live(() => client.$queryRawUnsafe<T>(query, ...values)),
      });
      const instance: Instance = {
        prisma: crashable(backend.prisma, () => crashed),
        db: {
          ...view(backend.prisma),
          $transaction: (fn) =>
            live(() => backend.prisma.$transaction((tx) => fn(view(tx as SqlClient)))),
        },
        boss,
        errors,
        crash() {
          crashed = true;
        },
        get crashed() {
          return crashed;
        },
        async stop() {
          if (!crashed) await boss.stop({ graceful: true, timeout: 5_000 });
        },
      };
      instances.push(instance);
      return instance;
    },
    async close() {
      await Promise.all(instances.map((instance) => instance.stop()));
      await backend.close();
    },
  };
}

/** The migration that creates the saga table, found by its name's suffix, not its timestamp. */
async function sagaMigration(): Promise<MigrationFile> {
  const migration = (await readMigrationFiles(migrationsDir)).find((file) =>
    file.name.endsWith("_create_saga"),
  );
  if (migration === undefined) throw new Error(`no *_create_saga migration in ${migrationsDir}`);
  return migration;
}

/**
 * `client` (a Prisma client, a model of it, or a transaction's client) as a crashed process would
 * see it: once `crashed()`, calls and the answers of calls in flight never arrive. Inside an
 * interactive transaction they fail instead, so that Prisma rolls the transaction back and frees
 * the connection (on PGlite, the only one), as the server does for a dead client; the transaction's
 * own answer then never arrives either.
 */
function crashable<T extends object>(client: T, crashed: () => boolean, inTransaction = false): T {
  const cutOff = (): Promise<never> =>
    inTransaction ? Promise.reject(new Error("the instance crashed")) : never;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value === "object" && value !== null) {
        return crashable(value, crashed, inTransaction);
      }
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        if (crashed()) return cutOff();
        const [first, ...rest] = args;
        const call =
          property === "$transaction" && typeof first === "function"
            ? [
                (tx: object) => (first as (tx: object) => unknown)(crashable(tx, crashed, true)),
                ...rest,
              ]
            : args;
        const result: unknown = Reflect.apply(value, target, call);
        if (!isThenable(result)) return result;
        return Promise.resolve(result).then(
          (answer) => (crashed() ? cutOff() : answer),
          (error: unknown) => {
            if (crashed()) return cutOff();
            throw error;
          },
        );
      };
    },
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

interface Backend {
  prisma: PrismaClient;
  /** Runs a script of several statements, as a migration file is. */
  exec(sql: string): Promise<void>;
  bossDb(): Db;
  close(): Promise<void>;
}

async function openPgliteBackend(): Promise<Backend> {
  const pglite = await PGlite.create();
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    async exec(sql) {
      await pglite.exec(sql);
    },
    bossDb: () => fromPglite(pglite),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

type Result = pg.QueryResult<Record<string, unknown>>;

async function openPostgresBackend(): Promise<Backend> {
  const serverUrl = inject("postgresUrl");
  if (serverUrl === undefined) throw new Error("DATABASE_URL is not set");
  const name = `saga_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Dropping the database at the end ends the connections still open, a crashed instance's too.
  const ignore = () => undefined;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 }).on("error", ignore);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const pools: pg.Pool[] = [];
  return {
    prisma,
    async exec(sql) {
      // Without parameters, pg sends the simple query protocol, which takes several statements.
      await pool.query(sql);
    },
    bossDb() {
      const own = new pg.Pool({ connectionString: url.toString(), max: 4 }).on("error", ignore);
      pools.push(own);
      return {
        async executeSql(text, values) {
          const result = (await own.query(text, values)) as Result | Result[];
          // A script of several statements answers with one result each.
          return Array.isArray(result)
            ? { rows: result.flatMap((each) => each.rows) }
            : { rows: result.rows };
        },
      };
    },
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool, ...pools].map((each) => each.end()));
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
