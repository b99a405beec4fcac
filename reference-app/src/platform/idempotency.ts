// Idempotent mutations by the caller's `Idempotency-Key` header (the IETF httpapi draft's name): a
// tRPC middleware, added to a procedure with `.concat(idempotent)`, and the PostgreSQL store it
// keeps keys in (the IdempotencyKey table, prisma/models/idempotency-key.prisma). The first call
// with a key runs the procedure and stores its answer; a later call with the same key and the same
// input gets that answer without running anything; the same key with another input is a CONFLICT.
// Two calls racing with one key run the procedure once: the first claims the key with a row of its
// own, in one statement, and the other waits for that row's answer. No transaction stays open while
// the procedure runs. The rules and their reasons: docs/idempotency.md.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { initTRPC } from "@trpc/server";
import type { Clock } from "./clock.js";
import type { SqlSession } from "./db/sql-session.js";
import { AppError } from "./errors.js";

export const idempotencyKeyHeader = "idempotency-key";

export interface IdempotencyOptions {
  /** How long an answer is kept and replayed; 24 hours by default. */
  retentionMs?: number;
  /**
   * How long a claim holds while its procedure runs; 60 seconds by default. A claim left behind by
   * a crash frees the key after it. It must be longer than the procedure ever runs: a claim that
   * lapses lets a second call run the procedure again.
   */
  claimMs?: number;
  /** How long a call waits for the answer of a racing call with its key; 10 seconds by default. */
  waitMs?: number;
  /** How often a waiting call looks for that answer; every 25 ms by default. */
  pollMs?: number;
}

/** What a key holds: an answer, or a claim while its first call runs. */
export type StoredKey =
  | { status: "IN_PROGRESS"; requestHash: string }
  | { status: "COMPLETED"; requestHash: string; response: unknown };

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;

export function createIdempotencyStore(
  database: { withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> },
  clock: Clock,
  options: IdempotencyOptions = {},
) {
  const retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
  const claimMs = options.claimMs ?? 60_000;
  // Timestamps travel as UTC text: the columns hold UTC without a zone, as Prisma writes them.
  const at = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();
  const run = <Row extends object>(sql: string, params: unknown[]) =>
    database.withSession((session) => session.query<Row>(sql, params));

  return {
    options: {
      waitMs: options.waitMs ?? 10_000,
      pollMs: options.pollMs ?? 25,
    },

    /**
     * Claims the key for a call that is about to run: true when this call holds it now (the key
     * was free, or its last use has expired), false when another call holds it or answered it.
     */
    async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
      const rows = await run(
        `INSERT INTO "IdempotencyKey" ("scope", "key", "requestHash", "status", "createdAt", "expiresAt")
         VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5)
         ON CONFLICT ("scope", "key") DO UPDATE SET
           "requestHash" = EXCLUDED."requestHash", "status" = 'IN_PROGRESS', "response" = NULL,
           "createdAt" = EXCLUDED."createdAt", "completedAt" = NULL, "expiresAt" = EXCLUDED."expiresAt"
         WHERE "IdempotencyKey"."expiresAt" <= $4
         RETURNING "key"`,
        [scope, key, requestHash, at(), at(claimMs)],
      );
      return rows.length === 1;
    },

    async find(scope: string, key: string): Promise<StoredKey | undefined> {
      const [row] = await run<{ requestHash: string; status: string; response: string | null }>(
        `SELECT "requestHash", "status"::text AS "status", "response"::text AS "response"
         FROM "IdempotencyKey" WHERE "scope" = $1 AND "key" = $2 AND "expiresAt" > $3`,
        [scope, key, at()],
      );
      if (row === undefined) return undefined;
      return row.status === "COMPLETED"
        ? {
            status: "COMPLETED",
            requestHash: row.requestHash,
            response: row.response === null ? undefined : JSON.parse(row.response),
          }
        : { status: "IN_PROGRESS", requestHash: row.requestHash };
    },

    /** Stores the answer of the call that holds the claim, to replay for the retention time. */
    async complete(scope: string, key: string, response: unknown): Promise<void> {
      await run(
        `UPDATE "IdempotencyKey" SET "status" = 'COMPLETED', "response" = $3::json, "completedAt" = $4, "expiresAt" = $5
         WHERE "scope" = $1 AND "key" = $2`,
        [
          scope,
          key,
          response === undefined ? null : JSON.stringify(response),
          at(),
          at(retentionMs),
        ],
      );
    },

    /** Frees the key of a call that failed, so that the caller may try again with it. */
    async release(scope: string, key: string): Promise<void> {
      await run(
        `DELETE FROM "IdempotencyKey" WHERE "scope" = $1 AND "key" = $2 AND "status" = 'IN_PROGRESS'`,
        [scope, key],
      );
    },

    /** Deletes the keys whose time is over; returns how many. */
    async purgeExpired(): Promise<number> {
      const rows = await run(
        `DELETE FROM "IdempotencyKey" WHERE "expiresAt" <= $1 RETURNING "key"`,
        [at()],
      );
      return rows.length;
    },
  };
}

/** The input as a hash of its JSON with sorted keys: two inputs that mean the same match. */
export function requestHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === "object" && !(value instanceof Date)) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((name) => [name, canonical((value as Record<string, unknown>)[name])]),
      );
    }
    return value;
  };
  // JSON.stringify gives undefined (typed as a string) for an absent input.
  const text = input === undefined ? "" : JSON.stringify(canonical(input));
  return createHash("sha256").update(text).digest("hex");
}

const validKey = /^[\x21-\x7e]{1,255}$/;

function keyOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers[idempotencyKeyHeader];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !validKey.test(value)) {
    throw new AppError(
      "BAD_REQUEST",
      "The Idempotency-Key header must be one value of 1 to 255 visible ASCII characters",
    );
  }
  return value;
}

/** What the middleware needs of a procedure's context. */
export interface IdempotencyContext {
  headers: IncomingHttpHeaders;
  services: { idempotency: IdempotencyStore };
}

/**
 * A procedure builder to `.concat()` onto a mutation: `publicProcedure.input(schema).concat(
 * idempotent()).mutation(...)`. A call without the header runs as usual, unless `required`, when
 * it is refused with BAD_REQUEST. Keys are scoped by the procedure's path. The procedure finds the
 * key in `ctx.idempotencyKey`.
 */
/** What the middleware adds to the procedure's context. */
interface Keyed {
  idempotencyKey: string | undefined;
}

export function idempotent(options: { required?: boolean } = {}) {
  const t = initTRPC.context<IdempotencyContext>().create();
  return t.procedure.use(async ({ ctx, path, getRawInput, next }) => {
    const key = keyOf(ctx.headers);
    if (key === undefined) {
      if (options.required === true) {
        throw new AppError("BAD_REQUEST", `${path} needs an Idempotency-Key header`);
      }
      return next<Keyed>({ ctx: { idempotencyKey: undefined } });
    }
    const store = ctx.services.idempotency;
    const hash = requestHash(await getRawInput());
    const deadline = Date.now() + store.options.waitMs;
    for (;;) {
      if (await store.claim(path, key, hash)) {
        // The procedure may use the key too: to derive the id of what it creates, say.
        const result = await next<Keyed>({ ctx: { idempotencyKey: key } });
        if (result.ok) await store.complete(path, key, result.data);
        else await store.release(path, key);
        return result;
      }
      const stored = await store.find(path, key);
      if (stored !== undefined && stored.requestHash !== hash) {
        throw new AppError("CONFLICT", "This Idempotency-Key was used with another input", {
          details: { idempotencyKey: key },
        });
      }
      if (stored?.status === "COMPLETED") {
        // The result tRPC's own `next()` would give; tRPC reads only `ok` and `data` of it.
        return { ok: true, data: stored.response } as Awaited<ReturnType<typeof next<Keyed>>>;
      }
      if (Date.now() >= deadline) {
        throw new AppError(
          "CONFLICT",
          "A request with this Idempotency-Key is still in progress; try again later",
          {
            details: { idempotencyKey: key },
          },
        );
      }
      // Claimed by a racing call: wait for its answer (or for the key to be freed, and claim it).
      if (stored !== undefined) await sleep(store.options.pollMs);
    }
  });
}
