// The embedded database: PostgreSQL compiled to WebAssembly, in this process. Its data directory
// belongs to one process at a time, so it is locked while open (a second instance refuses to start)
// and must be closed cleanly on shutdown. `dataDir: "memory"` keeps everything in memory (tests).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import lockfile from "proper-lockfile";
import { AppError } from "../errors.js";
import type { SqlSession } from "./sql-session.js";

export interface EmbeddedDatabase {
  adapter: PrismaPGlite;
  session: SqlSession;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<EmbeddedDatabase> {
  let release: () => Promise<void> = () => Promise.resolve();
  if (dataDir !== "memory") {
    const absolute = path.resolve(dataDir);
    await mkdir(absolute, { recursive: true });
    try {
      release = await lockfile.lock(absolute, { lockfilePath: `${absolute}.lock`, stale: 15_000, update: 5_000 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
        throw new AppError(
          "UNAVAILABLE",
          `The PGlite data directory ${dataDir} is in use by another process; stop it, or set PGLITE_DATA_DIR or DATABASE_URL`,
          { cause: error },
        );
      }
      throw error;
    }
  }
  try {
    const pglite = await PGlite.create(dataDir === "memory" ? undefined : path.resolve(dataDir));
    return {
      adapter: new PrismaPGlite(pglite),
      session: pgliteSession(pglite),
      async close() {
        try {
          await pglite.close();
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function pgliteSession(pglite: PGlite): SqlSession {
  return {
    async query<Row extends object>(sql: string, params?: unknown[]) {
      const result = await pglite.query<Row>(sql, params);
      return result.rows;
    },
    async exec(script: string) {
      await pglite.exec(script);
    },
  };
}
