// A PostgreSQL server through node-postgres, for production and for several instances sharing one
// database. Prisma queries go through @prisma/adapter-pg on a pool; migrations and health checks
// borrow one client of the same pool, because an advisory lock lives on a single connection.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlSession } from "./sql-session.js";

export interface ServerDatabase {
  adapter: PrismaPg;
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  maxConnections?: number;
  /** Told when an idle connection fails (a server restart, a terminated backend). */
  onConnectionError?: (error: Error) => void;
}

export function openPostgres(url: string, options: PostgresOptions = {}): ServerDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // Without a listener, an idle client's error would crash the process. The pool replaces the
  // client on the next query, so it is reported, not fatal.
  pool.on("error", (error) => options.onConnectionError?.(error));
  return {
    adapter: new PrismaPg(pool),
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn(clientSession(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

function clientSession(client: pg.PoolClient): SqlSession {
  return {
    async query<Row extends object>(sql: string, params?: unknown[]) {
      const result = await client.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
}
