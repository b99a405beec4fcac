import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Registry } from "prom-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "./errors.js";
import { createResilientClient, type ResilientClientOptions } from "./resilient-client.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  body?: unknown;
  /** Answers only after this long. */
  delayMs?: number;
}

/** A dependency that answers each request with the next scripted reply, then with `otherwise`. */
const dependency = {
  seen: [] as Seen[],
  script: [] as Reply[],
  otherwise: { status: 200, body: { ok: true } } as Reply,
};

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      dependency.seen.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const reply = dependency.script.shift() ?? dependency.otherwise;
      const answer = () => {
        if (!response.destroyed)
          response
            .writeHead(reply.status, { "content-type": "application/json" })
            .end(JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs === undefined) answer();
      else setTimeout(answer, reply.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/api`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  dependency.seen = [];
  dependency.script = [];
  dependency.otherwise = { status: 200, body: { ok: true } };
});

function client(overrides: Partial<ResilientClientOptions> = {}) {
  return createResilientClient({
    name: "ledger-api",
    baseUrl,
    timeoutMs: 200,
    retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    circuitBreaker: { consecutiveFailures: 5, halfOpenAfterMs: 50 },
    bulkhead: { maxConcurrent: 10, maxQueued: 10 },
    ...overrides,
  });
}

const post = {
  method: "POST",
  path: "/entries",
  body: { amount: "1.00" },
  idempotencyKey: "entry-1",
} as const;

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("a resilient client", () => {
  it("sends JSON with its Idempotency-Key under the base URL, and hands back the parsed answer", async () => {
    dependency.script = [{ status: 201, body: { id: "e-1" } }];
    const response = await client().request(post);
    expect(response).toMatchObject({ status: 201, body: { id: "e-1" } });
    expect(dependency.seen).toMatchObject([
      {
        method: "POST",
        url: "/api/entries",
        body: '{"amount":"1.00"}',
        headers: { "idempotency-key": "entry-1", "content-type": "application/json" },
      },
    ]);
  });

  it("hands back a 4xx answer without retrying it", async () => {
    dependency.script = [{ status: 402, body: { error: "declined" } }];
    expect(await client().request(post)).toMatchObject({
      status: 402,
      body: { error: "declined" },
    });
    expect(dependency.seen).toHaveLength(1);
  });

  it("retries a 5xx answer with the same Idempotency-Key until the dependency answers", async () => {
    dependency.script = [{ status: 503 }, { status: 500 }, { status: 201, body: { id: "e-1" } }];
    expect(await client().request(post)).toMatchObject({ status: 201 });
    expect(dependency.seen.map((seen) => seen.headers["idempotency-key"])).toEqual([
      "entry-1",
      "entry-1",
      "entry-1",
    ]);
  });

  it("gives up after its retries with UNAVAILABLE, naming the dependency, the status and the attempts", async () => {
    dependency.otherwise = { status: 503 };
    const error = await failureOf(client().request(post));
    expect(error).toMatchObject({
      code: "UNAVAILABLE",
      details: {
        dependency: "ledger-api",
        failure: "server-error",
        status: 503,
        attempts: 3,
        mayHaveReached: true,
      },
    });
    expect(error.message).toBe("ledger-api answered 503 (3 attempts)");
    expect(dependency.seen).toHaveLength(3);
  });

  it("retries an attempt that timed out", async () => {
    dependency.script = [
      { status: 201, body: { late: true }, delayMs: 2_000 },
      { status: 201, body: { id: "e-1" } },
    ];
    expect(await client().request(post)).toMatchObject({ status: 201, body: { id: "e-1" } });
    expect(dependency.seen).toHaveLength(2);
  });

  it("reports a dependency that never answers in time as a timeout", async () => {
    dependency.otherwise = { status: 200, delayMs: 2_000 };
    const error = await failureOf(
      client({ retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 } }).request(post),
    );
    expect(error).toMatchObject({
      code: "UNAVAILABLE",
      details: { failure: "timeout", attempts: 2, mayHaveReached: true },
    });
    expect(error.message).toBe("ledger-api did not answer within 200 ms (2 attempts)");
  });

  it("retries a dependency it cannot connect to, then reports it unreachable and never reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(
      client({ baseUrl: `http://127.0.0.1:${String(port)}` }).request(post),
    );
    expect(error).toMatchObject({
      code: "UNAVAILABLE",
      details: { failure: "network", attempts: 3, mayHaveReached: false },
    });
    expect(error.message).toBe("ledger-api could not be reached (ECONNREFUSED) (3 attempts)");
  });

  it("makes a POST without an Idempotency-Key once, since repeating it could repeat its effect", async () => {
    dependency.otherwise = { status: 503 };
    const error = await failureOf(client().request({ method: "POST", path: "/entries", body: {} }));
    expect(error.details).toMatchObject({ failure: "server-error", attempts: 1 });
    expect(dependency.seen).toHaveLength(1);
  });

  it("retries a GET, which is safe to repeat, without a key", async () => {
    dependency.script = [{ status: 502 }];
    expect(await client().request({ method: "GET", path: "/entries/e-1" })).toMatchObject({
      status: 200,
    });
    expect(dependency.seen).toHaveLength(2);
  });

  describe("its circuit breaker", () => {
    const breaking = () =>
      client({
        circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 50 },
        retry: { maxRetries: 0, initialDelayMs: 1, maxDelayMs: 1 },
      });

    it("opens after the configured transient failures in a row, then fails fast without calling the dependency", async () => {
      const ledger = breaking();
      dependency.otherwise = { status: 500 };
      for (let call = 0; call < 3; call += 1) {
        expect(ledger.circuitState()).toBe("closed");
        await failureOf(ledger.request(post));
      }
      expect(ledger.circuitState()).toBe("open");
      const error = await failureOf(ledger.request(post));
      expect(error).toMatchObject({
        code: "UNAVAILABLE",
        details: { failure: "circuit-open", attempts: 0, mayHaveReached: false },
      });
      expect(error.message).toMatch(/^ledger-api is unavailable: its circuit is open/);
      expect(dependency.seen).toHaveLength(3);
      await expect(ledger.healthCheck()).rejects.toThrow(
        "ledger-api: circuit open, calls fail fast",
      );
    });

    it("lets one probe through once half-open, and closes when it succeeds", async () => {
      const ledger = breaking();
      dependency.script = [{ status: 500 }, { status: 500 }, { status: 500 }];
      for (let call = 0; call < 3; call += 1) await failureOf(ledger.request(post));
      await sleep(60);
      expect(await ledger.request(post)).toMatchObject({ status: 200 });
      expect(ledger.circuitState()).toBe("closed");
      await expect(ledger.healthCheck()).resolves.toBeUndefined();
      expect(dependency.seen).toHaveLength(4);
    });

    it("opens again when the probe fails", async () => {
      const ledger = breaking();
      dependency.otherwise = { status: 500 };
      for (let call = 0; call < 3; call += 1) await failureOf(ledger.request(post));
      await sleep(60);
      expect((await failureOf(ledger.request(post))).details.failure).toBe("server-error");
      expect(ledger.circuitState()).toBe("open");
      expect((await failureOf(ledger.request(post))).details.failure).toBe("circuit-open");
      expect(dependency.seen).toHaveLength(4);
    });

    it("stops retrying a call as soon as the circuit opens", async () => {
      const ledger = client({
        circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 },
        retry: { maxRetries: 5, initialDelayMs: 1, maxDelayMs: 1 },
      });
      dependency.otherwise = { status: 500 };
      const error = await failureOf(ledger.request(post));
      expect(error.details).toMatchObject({ failure: "circuit-open", attempts: 2 });
      expect(dependency.seen).toHaveLength(2);
    });

    it("counts neither 4xx answers nor successes as failures", async () => {
      const ledger = breaking();
      dependency.script = [
        { status: 500 },
        { status: 500 },
        { status: 409 },
        { status: 500 },
        { status: 500 },
        { status: 200 },
        { status: 500 },
      ];
      for (let call = 0; call < 7; call += 1) await ledger.request(post).catch(() => undefined);
      expect(ledger.circuitState()).toBe("closed");
    });
  });

  describe("its bulkhead", () => {
    it("refuses a call beyond its slots and queue at once with TOO_MANY_REQUESTS, and never retries it", async () => {
      const ledger = client({ bulkhead: { maxConcurrent: 1, maxQueued: 1 }, timeoutMs: 5_000 });
      dependency.script = [{ status: 201, delayMs: 300 }, { status: 201 }];
      const inFlight = ledger.request(post);
      const queued = ledger.request(post);
      const error = await failureOf(ledger.request(post));
      expect(error).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        details: { dependency: "ledger-api", failure: "bulkhead-full", attempts: 0 },
      });
      expect(await Promise.all([inFlight, queued])).toMatchObject([
        { status: 201 },
        { status: 201 },
      ]);
      expect(dependency.seen).toHaveLength(2);
    });
  });

  it("records its circuit's state, its calls by outcome and its retries in the registry it is given", async () => {
    const registry = new Registry();
    const ledger = client({
      registry,
      circuitBreaker: { consecutiveFailures: 2, halfOpenAfterMs: 10_000 },
      retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 },
    });
    client({ name: "audit-api", registry });
    expect(await registry.metrics()).toContain(
      'outbound_circuit_state{dependency="ledger-api",state="closed"} 1',
    );
    await ledger.request(post);
    dependency.otherwise = { status: 500 };
    await ledger.request(post).catch(() => undefined);
    await ledger.request(post).catch(() => undefined);
    const text = await registry.metrics();
    expect(text).toContain('outbound_circuit_state{dependency="ledger-api",state="open"} 1');
    expect(text).toContain('outbound_circuit_state{dependency="ledger-api",state="closed"} 0');
    expect(text).toContain('outbound_circuit_state{dependency="audit-api",state="closed"} 1');
    expect(text).toContain('outbound_calls_total{dependency="ledger-api",outcome="answered"} 1');
    expect(text).toContain(
      'outbound_calls_total{dependency="ledger-api",outcome="server-error"} 1',
    );
    expect(text).toContain(
      'outbound_calls_total{dependency="ledger-api",outcome="circuit-open"} 1',
    );
    expect(text).toContain('outbound_retries_total{dependency="ledger-api"} 1');
  });
});
