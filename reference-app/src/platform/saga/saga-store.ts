// Reads and writes the saga table (saga-table.ts) with raw SQL through a Prisma client or one of
// its interactive transactions. A run that drives a saga holds a lease on it: its owner token and
// the time the lease ends, renewed by every write and by a heartbeat. Another run may claim the
// saga only once the saga has no owner or its lease has run out (its process died), and every
// write of a run is fenced by its token: a run whose saga was taken over can change nothing more.
import { sagaTable } from "./saga-table.js";

/** The part of a Prisma client, or of a transaction's client, that the store uses. */
export interface SqlClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export const sagaStatuses = ["RUNNING", "COMPENSATING", "COMPLETED", "FAILED"] as const;
export type SagaStatus = (typeof sagaStatuses)[number];

export interface SagaState {
  id: string;
  name: string;
  status: SagaStatus;
  input: unknown;
  /** What each completed step returned, by step name. */
  results: Record<string, unknown>;
  /** How many steps have completed (or, while compensating, how many are to be undone). */
  step: number;
  /** How many of those have been undone. */
  compensated: number;
  /** The step, or `<step>:compensate`, started and not yet ended: it runs again on recovery. */
  inFlight: string | null;
  /** Attempts of the step or compensation in progress. */
  attempts: number;
  lastError: string | null;
  /** Why the saga failed, once it compensates. */
  failureReason: string | null;
  /** The run driving the saga: the instance's id and a token of the run. */
  owner: string | null;
  /** Until when the owner holds the saga; after it, another run may take it over. */
  leaseExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** The columns a run changes, with their new values. */
export type SagaChanges = Partial<
  Pick<
    SagaState,
    "status" | "step" | "compensated" | "inFlight" | "attempts" | "lastError" | "failureReason"
  >
> & {
  /** Sets `finishedAt` to the database's time. */
  finished?: true;
  /** Adds a step's output to `results`. */
  result?: { step: string; output: unknown };
};

export class SagaOwnershipLost extends Error {
  override readonly name = "SagaOwnershipLost";
}

const unfinished = `('RUNNING', 'COMPENSATING')`;

/** Records a new saga; false when a saga with this id exists already. */
export async function insertSaga(
  sql: SqlClient,
  saga: { id: string; name: string; input: unknown },
): Promise<boolean> {
  const rows = await sql.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO ${sagaTable} ("id", "name", "input") VALUES ($1, $2, $3::jsonb)
     ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
    saga.id,
    saga.name,
    JSON.stringify(saga.input ?? null),
  );
  return rows.length === 1;
}

export async function findSaga(sql: SqlClient, id: string): Promise<SagaState | undefined> {
  const rows = await sql.$queryRawUnsafe<SagaState[]>(
    `SELECT * FROM ${sagaTable} WHERE "id" = $1`,
    id,
  );
  return rows[0];
}

const lease = (parameter: number) =>
  `"leaseExpiresAt" = CURRENT_TIMESTAMP + make_interval(secs => $${String(parameter)}::double precision)`;

/**
 * Makes `owner` the saga's driver for `leaseSeconds`: the saga's state, or "busy" while another
 * run's lease holds, or undefined when the saga has finished or does not exist.
 */
export async function claimSaga(
  sql: SqlClient,
  id: string,
  owner: string,
  leaseSeconds: number,
): Promise<SagaState | "busy" | undefined> {
  const rows = await sql.$queryRawUnsafe<SagaState[]>(
    `UPDATE ${sagaTable} SET "owner" = $2, ${lease(3)}, "updatedAt" = CURRENT_TIMESTAMP
     WHERE "id" = $1 AND "status" IN ${unfinished}
       AND ("owner" IS NULL OR "leaseExpiresAt" IS NULL OR "leaseExpiresAt" < CURRENT_TIMESTAMP)
     RETURNING *`,
    id,
    owner,
    leaseSeconds,
  );
  if (rows[0] !== undefined) return rows[0];
  const existing = await findSaga(sql, id);
  return existing?.finishedAt === null ? "busy" : undefined;
}

/** Extends `owner`'s lease; throws SagaOwnershipLost when the saga is no longer its own. */
export async function renewLease(
  sql: SqlClient,
  id: string,
  owner: string,
  leaseSeconds: number,
): Promise<void> {
  const rows = await sql.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE ${sagaTable} SET ${lease(3)}
     WHERE "id" = $1 AND "owner" = $2 AND "status" IN ${unfinished} RETURNING "id"`,
    id,
    owner,
    leaseSeconds,
  );
  if (rows.length === 0) throw new SagaOwnershipLost(`Saga ${id} is no longer driven by ${owner}`);
}

/**
 * Inside a transaction: holds the saga's row (a run taking it over waits for the transaction to
 * end) if `owner` still drives it; throws SagaOwnershipLost otherwise.
 */
export async function fenceSaga(sql: SqlClient, id: string, owner: string): Promise<void> {
  const rows = await sql.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM ${sagaTable}
     WHERE "id" = $1 AND "owner" = $2 AND "status" IN ${unfinished} FOR SHARE`,
    id,
    owner,
  );
  if (rows.length === 0) throw new SagaOwnershipLost(`Saga ${id} is no longer driven by ${owner}`);
}

/** Gives the saga up, so that another run may take it at once (a clean shutdown). */
export async function releaseSaga(sql: SqlClient, id: string, owner: string): Promise<void> {
  await sql.$queryRawUnsafe(
    `UPDATE ${sagaTable} SET "owner" = NULL, "leaseExpiresAt" = NULL
     WHERE "id" = $1 AND "owner" = $2 RETURNING "id"`,
    id,
    owner,
  );
}

/**
 * Writes `changes` and renews the lease if `owner` still drives the saga; throws SagaOwnershipLost
 * otherwise.
 */
export async function updateSaga(
  sql: SqlClient,
  id: string,
  owner: string,
  leaseSeconds: number,
  changes: SagaChanges,
): Promise<SagaState> {
  const assignments: string[] = [`"updatedAt" = CURRENT_TIMESTAMP`];
  const values: unknown[] = [id, owner];
  for (const [column, value] of Object.entries(changes)) {
    if (column === "result" || column === "finished") continue;
    values.push(value);
    assignments.push(`"${column}" = $${String(values.length)}`);
  }
  if (changes.finished === true) {
    assignments.push(`"finishedAt" = CURRENT_TIMESTAMP`, `"leaseExpiresAt" = NULL`);
  } else {
    values.push(leaseSeconds);
    assignments.push(lease(values.length));
  }
  if (changes.result !== undefined) {
    values.push(JSON.stringify({ [changes.result.step]: changes.result.output ?? null }));
    assignments.push(`"results" = "results" || $${String(values.length)}::jsonb`);
  }
  const rows = await sql.$queryRawUnsafe<SagaState[]>(
    `UPDATE ${sagaTable} SET ${assignments.join(", ")}
     WHERE "id" = $1 AND "owner" = $2 AND "status" IN ${unfinished} RETURNING *`,
    ...values,
  );
  const [row] = rows;
  if (row === undefined) throw new SagaOwnershipLost(`Saga ${id} is no longer driven by ${owner}`);
  return row;
}

/** Ids of the unfinished sagas of this name that no run holds: no owner, or a lease run out. */
export async function strandedSagas(sql: SqlClient, name: string): Promise<string[]> {
  const rows = await sql.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM ${sagaTable} WHERE "status" IN ${unfinished} AND "name" = $1
       AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < CURRENT_TIMESTAMP)`,
    name,
  );
  return rows.map((row) => row.id);
}
