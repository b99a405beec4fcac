// The embedded database: PostgreSQL compiled to WebAssembly, in this process. Its data directory
// belongs to one process at a time, so it is locked while open (a second instance refuses to start)
// and must be closed cleanly on shutdown. `dataDir: "memory"` keeps everything in memory (tests).
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import lockfile from "proper-lockfile";
import { AppError } from "../errors.js";
import type { SqlSession } from "./sql-session.js";

export interface EmbeddedDatabase {
  pglite: PGlite;
  adapter: PrismaPGlite;
  session: SqlSession;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<EmbeddedDatabase> {
  let release: () => Promise<void> = () => Promise.resolve();
  if (dataDir !== "memory") {
    const absolute = path.resolve(dataDir);
    await mkdir(absolute, { recursive: true });
    release = await lockDataDir(absolute, dataDir);
  }
  try {
    const pglite = await PGlite.create(dataDir === "memory" ? undefined : path.resolve(dataDir));
    return {
      pglite,
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

interface LockOwner {
  pid: number;
  host: string;
}

/**
 * Locks the data directory for this process. The lock (a directory beside the data) records its
 * owner, so that a lock left by a process that was killed (SIGKILL, out of memory) is taken over at
 * once when that process is gone from this host, instead of after proper-lockfile's stale timeout;
 * a live owner is named in the refusal.
 */
async function lockDataDir(absolute: string, dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${absolute}.lock`;
  // Beside the lock directory, not in it: proper-lockfile takes any change of that directory's
  // modification time for another process taking the lock over.
  const ownerFile = `${absolute}.lock-owner.json`;
  const lock = () => lockfile.lock(absolute, { lockfilePath: lockPath, stale: 15_000, update: 5_000 });
  let release: () => Promise<void>;
  try {
    release = await lock();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const owner = await readOwner(ownerFile);
    // Its own pid in the lock: a restarted container, where the service is process 1 again.
    const gone = owner?.host === hostname() && (owner.pid === process.pid || !isAlive(owner.pid));
    if (!gone) throw inUse(dataDir, owner, error);
    // The owner died without releasing the lock. Should two processes take over at the same moment,
    // only one creates the lock again: the other fails here with ELOCKED. (A process that reads the
    // owner in the instant between another's lock and its writing of the owner could take a live
    // lock; the window is that of one small write.)
    await rm(lockPath, { recursive: true, force: true });
    try {
      release = await lock();
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code !== "ELOCKED") throw retryError;
      throw inUse(dataDir, await readOwner(ownerFile), retryError);
    }
  }
  const owner: LockOwner = { pid: process.pid, host: hostname() };
  try {
    await writeFile(ownerFile, JSON.stringify(owner));
  } catch (error) {
    await release();
    throw error;
  }
  return async () => {
    await rm(ownerFile, { force: true });
    await release();
  };
}

function inUse(dataDir: string, owner: LockOwner | undefined, cause: unknown): AppError {
  const who = owner === undefined ? "another process" : `process ${String(owner.pid)}${owner.host === hostname() ? "" : ` on ${owner.host}`}`;
  return new AppError("UNAVAILABLE", `The PGlite data directory ${dataDir} is in use by ${who}; stop it, or set PGLITE_DATA_DIR or DATABASE_URL`, {
    cause,
  });
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" && typeof owner.host === "string" ? { pid: owner.pid, host: owner.host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
