// The fast path (src/platform/trpc-http.ts) must answer exactly as @trpc/server's stock fastify
// adapter. One corpus of requests goes to two apps on the same database, one with
// TRPC_ADAPTER=fast and one with TRPC_ADAPTER=stock, from the same starting state each time; the
// status, the body and every header a client reads must be the same. So must the request ids, the
// log lines and the metrics, and what the real tRPC client gets through each of its HTTP links.
// Ids made during a request differ between two runs: they are compared by order of appearance. The
// frames of a stack trace (development mode and logs) depend on the code path that called the
// procedure: stack traces are compared by their message.
import { createTRPCClient, httpBatchLink, httpBatchStreamLink, httpLink, TRPCClientError, type TRPCLink } from "@trpc/client";
import type { AnyTRPCProcedure, AnyTRPCRouter } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { createApp, type App } from "../src/app.js";
import { appRouter } from "../src/app-router.js";
import type { Database } from "../src/platform/db/database.js";
import { AppError, type AppErrorCode } from "../src/platform/errors.js";
import { publicProcedure, router } from "../src/trpc.js";
import { buildConfig, captureLogger, type CapturedLogger } from "./support/app.js";
import { fixedClock } from "./support/clock.js";
import { entities, procedures, type Sample } from "./support/conformance.js";
import { databaseKinds, testDatabase } from "./support/database.js";

const appErrorCodes = Object.keys({
  BAD_REQUEST: true,
  NOT_FOUND: true,
  CONFLICT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  TOO_MANY_REQUESTS: true,
  UNAVAILABLE: true,
  INTERNAL: true,
} satisfies Record<AppErrorCode, true>) as AppErrorCode[];

/** Procedures that fail in every way a procedure can, for the cases no entity covers. */
const probeRouter = router({
  ok: publicProcedure.input(z.object({ n: z.number() })).query(({ input }) => ({ twice: input.n * 2 })),
  fail: publicProcedure
    .input(z.object({ code: z.enum(appErrorCodes) }))
    .query(({ input }) => {
      throw new AppError(input.code, `probe failed with ${input.code}`, { details: { probe: true } });
    }),
  crash: publicProcedure.query(() => {
    throw new Error("unexpected: the connection string was postgres://secret@db");
  }),
  streamLike: publicProcedure.query(() => ({ later: Promise.resolve(1) })),
  echo: publicProcedure.input(z.object({ text: z.string().max(10) })).mutation(({ input }) => input),
  header: publicProcedure.mutation(({ ctx }) => ({ idempotencyKey: ctx.headers["idempotency-key"] ?? null })),
});

interface Exchange {
  method: "GET" | "POST" | "PUT" | "HEAD";
  url: string;
  headers?: Record<string, string>;
  payload?: string;
}

/** What a client reads: everything but the framing of the body and the date. */
const framingHeaders = new Set(["content-length", "transfer-encoding", "date", "connection", "keep-alive"]);
const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Ids in order of appearance, so that two runs that make different ids compare equal. */
function withoutFreshIds(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(uuidPattern, (id) => {
    const name = seen.get(id) ?? `<id ${String(seen.size + 1)}>`;
    seen.set(id, name);
    return name;
  });
}

/** JSON text with every stack trace cut to its message; other text as it is. */
function comparableBody(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body, (key, value: unknown) =>
      key === "stack" && typeof value === "string" ? value.split(/\n\s+at /)[0] : value,
    );
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

async function send(app: App, exchange: Exchange, index: number): Promise<string> {
  const response = await app.server.inject({
    method: exchange.method,
    url: exchange.url,
    headers: { "x-request-id": `conformance-${String(index)}`, ...exchange.headers },
    ...(exchange.payload === undefined ? {} : { payload: exchange.payload }),
  });
  const headers = Object.fromEntries(
    Object.entries(response.headers)
      .filter(([name]) => !framingHeaders.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return withoutFreshIds(JSON.stringify({ status: response.statusCode, headers, body: comparableBody(response.body) }, null, 2));
}

const query = (path: string, input?: unknown): Exchange => ({
  method: "GET",
  url: `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
});
const mutation = (path: string, input?: unknown): Exchange => ({
  method: "POST",
  url: `/trpc/${path}`,
  headers: { "content-type": "application/json" },
  payload: input === undefined ? "" : JSON.stringify(input),
});
const batch = (method: "GET" | "POST", calls: [path: string, input: unknown][]): Exchange => {
  const inputs = Object.fromEntries(calls.map(([, input], index) => [index, input]));
  const paths = calls.map(([path]) => path).join(",");
  return method === "GET"
    ? { method, url: `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}` }
    : { method, url: `/trpc/${paths}?batch=1`, headers: { "content-type": "application/json" }, payload: JSON.stringify(inputs) };
};

const probeCorpus: Exchange[] = [
  query("ok", { n: 2 }),
  query("ok", { n: "two" }),
  ...appErrorCodes.map((code) => query("fail", { code })),
  query("crash"),
  query("streamLike"),
  mutation("echo", { text: "hello" }),
  mutation("echo", { text: "far too long for the schema" }),
  mutation("header"),
  { ...mutation("header"), headers: { "content-type": "application/json", "idempotency-key": "key-1" } },
  query("nothing.here"),
  query("echo", { text: "hello" }),
  mutation("ok", { n: 1 }),
  { method: "GET", url: "/trpc/ok?input=%7Bnot-json" },
  { method: "GET", url: "/trpc/crash?input=%7Bnot-json" },
  { method: "POST", url: "/trpc/echo", headers: { "content-type": "application/json" }, payload: "{not json" },
  query("ok"),
  mutation("echo"),
  { method: "POST", url: "/trpc/echo", headers: { "content-type": "text/plain" }, payload: JSON.stringify({ text: "hi" }) },
  { method: "POST", url: "/trpc/echo", headers: { "content-type": "application/xml" }, payload: "<text>hi</text>" },
  { method: "POST", url: "/trpc/echo", payload: JSON.stringify({ text: "hi" }) },
  { method: "POST", url: "/trpc/echo", headers: { "content-type": "application/json" }, payload: JSON.stringify({ text: "x".repeat(1_100_000) }) },
  batch("GET", [
    ["ok", { n: 1 }],
    ["fail", { code: "NOT_FOUND" }],
    ["ok", { n: "one" }],
    ["crash", undefined],
    ["ok", { n: 5 }],
  ]),
  batch("GET", [["ok", { n: 1 }]]),
  batch("GET", [["ok", { n: 1 }], ["nothing.here", {}]]),
  batch("GET", [["ok", { n: 1 }], ["echo", { text: "a" }]]),
  batch("POST", [
    ["echo", { text: "one" }],
    ["echo", { text: 2 }],
  ]),
  batch("GET", [["ok", { n: 1 }], ["streamLike", undefined]]),
  { method: "GET", url: "/trpc/ok,ok?batch=1&input=%5B1%5D" },
  { method: "GET", url: "/trpc/ok,ok?batch=1&input=%7Bbroken" },
  { method: "GET", url: "/trpc/?batch=1" },
  { method: "GET", url: "/trpc/,?batch=1&input=%7B%7D" },
  { method: "GET", url: "/trpc/ok%2Cok?batch=1" },
  { method: "GET", url: "/trpc/ok", headers: { "trpc-accept": "application/jsonl" } },
  { method: "GET", url: "/trpc/ok?batch=1&input=%7B%220%22%3A%7B%22n%22%3A1%7D%7D", headers: { "trpc-accept": "application/jsonl" } },
  { method: "PUT", url: "/trpc/ok" },
  { method: "HEAD", url: "/trpc/ok" },
  { method: "GET", url: "/trpc/ok", headers: { "content-type": "multipart/form-data; boundary=x" } },
  { method: "GET", url: "/trpc/ok?input=%7B%22n%22%3A3%7D", headers: { "x-request-id": "" } },
];

interface AppPair {
  fast: App;
  stock: App;
  logs: { fast: CapturedLogger; stock: CapturedLogger };
  close(): Promise<void>;
}

async function appPair(database: Database, options: { router?: AnyTRPCRouter; env?: Record<string, string> } = {}): Promise<AppPair> {
  const build = async (adapter: "fast" | "stock") => {
    const logs = captureLogger("info");
    const app = await createApp({
      config: buildConfig({ ...options.env, TRPC_ADAPTER: adapter }),
      logger: logs.logger,
      clock: fixedClock(new Date("2030-01-02T03:04:05.678Z")),
      database,
      ...(options.router === undefined ? {} : { router: options.router }),
    });
    await app.startWorkers();
    return { app, logs };
  };
  const fast = await build("fast");
  const stock = await build("stock");
  return {
    fast: fast.app,
    stock: stock.app,
    logs: { fast: fast.logs, stock: stock.logs },
    close: async () => {
      await fast.app.close();
      await stock.app.close();
    },
  };
}

/** Log lines without what differs between any two runs (time, process, latency). */
function comparableLogs(captured: CapturedLogger): string {
  const lines = captured.lines().map((line) => {
    const { time: _time, pid: _pid, hostname: _hostname, responseTime: _responseTime, ...rest } = line;
    return rest;
  });
  return withoutFreshIds(comparableBody(JSON.stringify(lines)));
}

/** The per-procedure counters of /metrics; durations differ, their counts must not. */
async function procedureMetrics(app: App): Promise<string[]> {
  const text = (await app.server.inject({ url: "/metrics" })).body;
  return text.split("\n").filter((line) => line.startsWith("trpc_") && !line.includes("_bucket") && !line.includes("_sum"));
}

/**
 * Sends each exchange to both apps. `restore` puts the database back as it was before the corpus;
 * it runs only after a POST, the one method that can change data.
 */
async function expectSameAnswers(pair: AppPair, corpus: Exchange[], restore?: () => Promise<void>): Promise<void> {
  for (const [index, exchange] of corpus.entries()) {
    const fast = await send(pair.fast, exchange, index);
    if (exchange.method === "POST") await restore?.();
    const stock = await send(pair.stock, exchange, index);
    if (exchange.method === "POST") await restore?.();
    expect(fast, `${exchange.method} ${exchange.url.slice(0, 120)}`).toBe(stock);
  }
  expect(comparableLogs(pair.logs.fast)).toBe(comparableLogs(pair.logs.stock));
  expect(await procedureMetrics(pair.fast)).toEqual(await procedureMetrics(pair.stock));
}

describe.each(["development", "production"])("the fast path in %s", (env) => {
  let pair: AppPair;

  beforeAll(async () => {
    pair = await appPair(await testDatabase("pglite"), { router: probeRouter, env: { NODE_ENV: env } });
  });
  afterAll(() => pair.close());

  it("answers every request of the corpus as the stock adapter does, with the same logs and metrics", async () => {
    await expectSameAnswers(pair, probeCorpus);
  });

  it("hands the request's headers to the procedure's context through both adapters", async () => {
    const exchange = { ...mutation("header"), headers: { "content-type": "application/json", "idempotency-key": "key-7" } };
    for (const app of [pair.fast, pair.stock]) {
      const response = await app.server.inject({ method: "POST", url: exchange.url, headers: exchange.headers, payload: "" });
      expect(response.json()).toEqual({ result: { data: { idempotencyKey: "key-7" } } });
    }
  });

  it("answers plain calls and batches itself, and leaves streamed batches to the stock adapter", async () => {
    const framing = async (app: App, exchange: Exchange) => {
      const response = await app.server.inject({ method: exchange.method, url: exchange.url, ...(exchange.headers === undefined ? {} : { headers: exchange.headers }) });
      return response.headers["transfer-encoding"] ?? `content-length ${String(response.headers["content-length"])}`;
    };
    const plain = [query("ok", { n: 1 }), batch("GET", [["ok", { n: 1 }], ["fail", { code: "CONFLICT" }]]), mutation("echo", { text: "a" })];
    for (const exchange of plain) {
      expect(await framing(pair.fast, exchange)).toMatch(/^content-length \d+$/);
      expect(await framing(pair.stock, exchange)).toBe("chunked");
    }
    const streamed: Exchange = { ...batch("GET", [["ok", { n: 1 }]]), headers: { "trpc-accept": "application/jsonl" } };
    expect(await framing(pair.fast, streamed)).toBe("chunked");
  });

  it("gives the real tRPC client the same results through httpLink, httpBatchLink and httpBatchStreamLink", async () => {
    const fastUrl = await pair.fast.server.listen({ host: "127.0.0.1", port: 0 });
    const stockUrl = await pair.stock.server.listen({ host: "127.0.0.1", port: 0 });
    const links: Record<string, (url: string) => TRPCLink<typeof probeRouter>> = {
      httpLink: (url) => httpLink({ url: `${url}/trpc` }),
      httpBatchLink: (url) => httpBatchLink({ url: `${url}/trpc` }),
      httpBatchStreamLink: (url) => httpBatchStreamLink({ url: `${url}/trpc` }),
    };
    for (const [name, link] of Object.entries(links)) {
      const results = async (url: string) => {
        const client = createTRPCClient<typeof probeRouter>({ links: [link(url)] });
        const settled = await Promise.allSettled([
          client.ok.query({ n: 21 }),
          client.fail.query({ code: "CONFLICT" }),
          client.fail.query({ code: "INTERNAL" }),
          client.crash.query(),
          client.echo.mutate({ text: "hi" }),
          client.echo.mutate({ text: "far too long" }),
        ]);
        return settled.map((outcome) =>
          outcome.status === "fulfilled"
            ? { data: outcome.value }
            : outcome.reason instanceof TRPCClientError
              ? { message: outcome.reason.message, shape: outcome.reason.shape as unknown, data: outcome.reason.data as unknown }
              : { unexpected: String(outcome.reason) },
        );
      };
      const comparable = async (url: string) => comparableBody(JSON.stringify(await results(url)));
      expect(await comparable(fastUrl), name).toBe(await comparable(stockUrl));
    }
  });
});

/** Every table's rows, to put the database back as it was before each mutation. */
async function snapshot(database: Database): Promise<() => Promise<void>> {
  return database.withSession(async (session) => {
    const tables = (
      await session.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
      )
    ).map((table) => table.name);
    const references = await session.query<{ child: string; parent: string }>(
      `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint con
       JOIN pg_class child ON child.oid = con.conrelid
       JOIN pg_class parent ON parent.oid = con.confrelid
       WHERE con.contype = 'f' AND con.conrelid <> con.confrelid`,
    );
    // Referenced tables first, so that every foreign key finds its row.
    const ordered: string[] = [];
    const visiting = new Set<string>();
    const visit = (table: string) => {
      if (visiting.has(table)) return;
      visiting.add(table);
      for (const reference of references) if (reference.child === table) visit(reference.parent);
      ordered.push(table);
    };
    tables.forEach(visit);
    const rows = new Map<string, string>();
    for (const table of ordered) {
      const [dump] = await session.query<{ rows: string }>(`SELECT coalesce(json_agg(t), '[]'::json)::text AS rows FROM "${table}" t`);
      rows.set(table, dump?.rows ?? "[]");
    }
    return () =>
      database.withSession(async (restore) => {
        if (ordered.length === 0) return;
        await restore.exec(`TRUNCATE ${ordered.map((table) => `"${table}"`).join(", ")} CASCADE`);
        for (const [table, json] of rows) {
          if (json === "[]") continue;
          await restore.query(`INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`, [json]);
        }
      });
  });
}

const crudOperations = ["create", "get", "list", "update", "delete"] as const;
const appProcedures = (appRouter as AnyTRPCRouter)._def.procedures as Record<string, AnyTRPCProcedure>;

/** A valid input for every procedure of the app router, or the name of one that has none. */
async function validInputs(database: Database): Promise<Map<string, unknown>> {
  const samples = new Map<string, { sample: Sample; spare: Sample; newInput: unknown }>();
  for (const [key, entity] of Object.entries(entities)) {
    samples.set(key, {
      sample: await entity.seed(database.prisma),
      spare: await entity.seed(database.prisma),
      newInput: await entity.newInput(database.prisma),
    });
  }
  const inputs = new Map<string, unknown>();
  for (const path of Object.keys(appProcedures)) {
    const handWritten = procedures[path];
    const [key = "", operation] = path.split(".");
    const entity = samples.get(key);
    if (handWritten !== undefined) inputs.set(path, await handWritten(database.prisma));
    else if (entity !== undefined && crudOperations.some((candidate) => candidate === operation)) {
      const { sample, spare, newInput } = entity;
      const byOperation: Record<string, unknown> = {
        create: newInput,
        get: { id: sample.id },
        list: { limit: 2 },
        update: { id: sample.id, version: sample.version },
        delete: { id: spare.id },
      };
      inputs.set(path, byOperation[operation ?? ""]);
    } else {
      throw new Error(`${path} has no valid input for the conformance test: add one to test/support/extension-inputs.ts`);
    }
  }
  return inputs;
}

function appCorpus(inputs: Map<string, unknown>): Exchange[] {
  const all = Object.entries(appProcedures);
  const corpus: Exchange[] = [];
  for (const [path, procedure] of all) {
    const input = inputs.get(path);
    const call = procedure._def.type === "mutation" ? mutation : query;
    corpus.push(call(path, input), batch(procedure._def.type === "mutation" ? "POST" : "GET", [[path, input]]));
    if (procedure._def.inputs.length > 0) corpus.push(call(path, "not an object"), call(path));
  }
  const firstOf = (type: string) => all.find(([, procedure]) => procedure._def.type === type);
  const someQuery = firstOf("query");
  const someMutation = firstOf("mutation");
  if (someQuery !== undefined) corpus.push(mutation(someQuery[0], inputs.get(someQuery[0])));
  if (someMutation !== undefined) corpus.push(query(someMutation[0], inputs.get(someMutation[0])));
  const queries = all.filter(([, procedure]) => procedure._def.type === "query").slice(0, 5);
  corpus.push(batch("GET", queries.map(([path]) => [path, inputs.get(path)])));
  return corpus;
}

// Its corpus grows with every entity, and the database is put back after every POST: with many
// entities on a busy PostgreSQL server that takes longer than the default timeout allows.
const appCorpusTimeoutMs = 180_000;

describe.each(databaseKinds)("the fast path serving the app router on $kind", ({ kind, skip }) => {
  it.skipIf(skip !== false)(
    "answers every procedure, with valid and invalid input, as the stock adapter does",
    async () => {
      const database = await testDatabase(kind);
      const inputs = await validInputs(database);
      const restore = await snapshot(database);
      const pair = await appPair(database);
      try {
        await expectSameAnswers(pair, appCorpus(inputs), restore);
      } finally {
        await pair.close();
      }
    },
    appCorpusTimeoutMs,
  );
});
