// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, under the same
// advisory lock that Prisma Migrate takes, and records them in `_prisma_migrations` with the
// columns and checksums Prisma uses. `prisma migrate status` and `prisma migrate deploy` therefore
// agree with it wherever Prisma's schema engine can run. Edit with care: this is what keeps several
// instances booting at once, and Prisma's own tools, consistent.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlSession } from "./sql-session.js";

/**
 * The key Prisma Migrate passes to pg_advisory_lock, so that it and this migrator exclude each
 * other.
 */
const PRISMA_ADVISORY_LOCK_KEY = 72_707_369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file has changed since. */
  modified: string[];
  /** Migrations that started and never finished (recorded by Prisma Migrate after a failure). */
  failed: string[];
  /** Applied migrations with no file here (a newer release may have added them). */
  missing: string[];
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

export function checksum(sql: string): string {
  return createHash("sha256").update(sql).digest("hex");
}

export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
    files.push({ name, checksum: checksum(sql), sql });
  }
  return files;
}

async function readApplied(session: SqlSession): Promise<AppliedMigration[]> {
  const [table] = await session.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  if (table?.exists !== true) return [];
  const rows = await session.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
  }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY started_at, migration_name`,
  );
  return rows.map((row) => ({
    name: row.migration_name,
    checksum: row.checksum,
    finishedAt: row.finished_at,
  }));
}

export function compareMigrations(
  files: MigrationFile[],
  applied: AppliedMigration[],
): MigrationStatus {
  const finished = new Map(applied.filter((m) => m.finishedAt !== null).map((m) => [m.name, m]));
  const fileNames = new Set(files.map((file) => file.name));
  return {
    applied: files.filter((file) => finished.has(file.name)).map((file) => file.name),
    pending: files.filter((file) => !finished.has(file.name)).map((file) => file.name),
    modified: files
      .filter((file) => {
        const record = finished.get(file.name);
        return record !== undefined && record.checksum !== file.checksum;
      })
      .map((file) => file.name),
    failed: applied
      .filter((m) => m.finishedAt === null && !finished.has(m.name))
      .map((m) => m.name),
    missing: [...finished.keys()].filter((name) => !fileNames.has(name)),
  };
}

export async function migrationStatus(
  session: SqlSession,
  migrationsDir: string,
): Promise<MigrationStatus> {
  return compareMigrations(await readMigrationFiles(migrationsDir), await readApplied(session));
}

export interface MigrateResult {
  applied: string[];
  status: MigrationStatus;
}

/**
 * Brings the database up to date. Refuses, changing nothing, when an applied migration's file has
 * changed or an earlier migration failed half way: both need a person to decide.
 */
export async function migrate(session: SqlSession, migrationsDir: string): Promise<MigrateResult> {
  const files = await readMigrationFiles(migrationsDir);
  await session.query(`SELECT pg_advisory_lock(${String(PRISMA_ADVISORY_LOCK_KEY)})`);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const status = compareMigrations(files, await readApplied(session));
    if (status.modified.length > 0) {
      throw new MigrationError(
        `Migration ${status.modified.join(", ")} was modified after it was applied; restore the file or create a new migration`,
      );
    }
    if (status.failed.length > 0) {
      throw new MigrationError(
        `Migration ${status.failed.join(", ")} failed earlier and was not rolled back; resolve it with \`prisma migrate resolve\``,
      );
    }
    const pending = new Set(status.pending);
    const applied: string[] = [];
    for (const file of files.filter((candidate) => pending.has(candidate.name))) {
      await applyOne(session, file);
      applied.push(file.name);
    }
    return {
      applied,
      status: { ...status, applied: [...status.applied, ...applied], pending: [] },
    };
  } finally {
    await session.query(`SELECT pg_advisory_unlock(${String(PRISMA_ADVISORY_LOCK_KEY)})`);
  }
}

async function applyOne(session: SqlSession, file: MigrationFile): Promise<void> {
  await session.exec("BEGIN");
  try {
    await session.exec(file.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK");
    throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
