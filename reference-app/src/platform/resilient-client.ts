// A client for one outbound HTTP dependency, with cockatiel's policies around every call, outermost
// first:
//   bulkhead  at most `maxConcurrent` calls in flight and `maxQueued` waiting; one more is refused
//   retry     transient failures only (5xx, timeouts, network errors), with exponential backoff
//             and jitter; never a 4xx answer, an open circuit or a bulkhead refusal
//   breaker   opens after `consecutiveFailures` transient failures in a row; while open, calls fail
//             fast without reaching the dependency; after `halfOpenAfterMs` one probe goes through,
//             and its success closes the circuit again (its failure opens it anew)
//   timeout   per attempt, reading the answer included
// An answer below 500 is the dependency's answer: it is handed back, neither retried nor counted as
// a failure. A POST or PATCH is retried only when it carries an Idempotency-Key, which every attempt
// sends unchanged, so that a retry never repeats an effect. Failures without an answer become an
// AppError (UNAVAILABLE, or TOO_MANY_REQUESTS for the bulkhead) whose details name the dependency,
// the kind of failure, the attempts made and whether any of them may have reached it (a caller
// that must undo an effect needs to know whether there may be one). See docs/resilient-client.md.
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from "cockatiel";
import { Counter, Gauge, type Registry } from "prom-client";
import { AppError } from "./errors.js";
import { sharedMetric } from "./metrics.js";

export interface ResilientClientOptions {
  /** Names the dependency in errors and in the `dependency` label of metrics. */
  name: string;
  /** The dependency's root; request paths are appended to it. */
  baseUrl: string;
  /** How long one attempt may take, the whole answer read. */
  timeoutMs: number;
  retry: {
    /** Attempts after the first one, for transient failures only. */
    maxRetries: number;
    /** The first backoff; later ones grow exponentially, with jitter, up to `maxDelayMs`. */
    initialDelayMs: number;
    maxDelayMs: number;
  };
  circuitBreaker: {
    /** Transient failures in a row that open the circuit. */
    consecutiveFailures: number;
    /** How long the circuit stays open before a probe may go through. */
    halfOpenAfterMs: number;
  };
  bulkhead: {
    maxConcurrent: number;
    /** Calls that may wait for a free slot; one more is refused at once. */
    maxQueued: number;
  };
  /** Records the circuit's state, calls by outcome and retries here; no metrics without it. */
  registry?: Registry;
}

export interface OutboundRequest {
  method: "GET" | "HEAD" | "PUT" | "DELETE" | "POST" | "PATCH";
  /** Appended to the base URL; starts with `/`. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as the Idempotency-Key header on every attempt; a POST or PATCH is retried only with one. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer says it is JSON, the text otherwise; undefined when empty. */
  body: unknown;
}

export type CircuitStateName = "closed" | "open" | "half-open";

/** Why a call ended without an answer from the dependency, in the `failure` detail of its AppError. */
export type OutboundFailure =
  "circuit-open" | "bulkhead-full" | "timeout" | "server-error" | "network";

export type ResilientClient = ReturnType<typeof createResilientClient>;

/** An attempt that may succeed if made again: the dependency answered 5xx or could not be reached. */
class TransientFailure extends Error {
  constructor(
    readonly failure: "server-error" | "network",
    message: string,
    readonly status?: number,
    options?: { cause: unknown; unsent?: boolean },
  ) {
    super(message, options);
    this.unsent = options?.unsent ?? false;
  }

  /** The request never left: no connection could be made, so the dependency cannot have seen it. */
  readonly unsent: boolean;
}

/** Failures to connect at all: a request that meets one was never sent. */
const connectErrors = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

const repeatableMethods = new Set<OutboundRequest["method"]>(["GET", "HEAD", "PUT", "DELETE"]);

const circuitStateNames: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half-open",
  [CircuitState.Isolated]: "open",
};

function isTransient(error: unknown): boolean {
  return error instanceof TransientFailure || error instanceof TaskCancelledError;
}

export function createResilientClient(options: ResilientClientOptions) {
  const { name, timeoutMs } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const metrics = options.registry === undefined ? undefined : clientMetrics(options.registry);

  const transient = handleWhen(isTransient);
  const breaker = circuitBreaker(transient, {
    breaker: new ConsecutiveBreaker(options.circuitBreaker.consecutiveFailures),
    halfOpenAfter: options.circuitBreaker.halfOpenAfterMs,
  });
  const retries = retry(transient, {
    maxAttempts: options.retry.maxRetries,
    backoff: new ExponentialBackoff({
      initialDelay: options.retry.initialDelayMs,
      maxDelay: options.retry.maxDelayMs,
    }),
  });
  const attemptTimeout = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const slots = bulkhead(options.bulkhead.maxConcurrent, options.bulkhead.maxQueued);
  const withRetries = wrap(slots, retries, breaker, attemptTimeout);
  const once = wrap(slots, breaker, attemptTimeout);

  const circuitState = (): CircuitStateName => circuitStateNames[breaker.state];
  const recordState = () => {
    for (const state of ["closed", "open", "half-open"] as const) {
      metrics?.circuit.set({ dependency: name, state }, state === circuitState() ? 1 : 0);
    }
  };
  recordState();
  breaker.onStateChange(recordState);
  retries.onRetry(() => metrics?.retries.inc({ dependency: name }));

  async function attempt(request: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (request.idempotencyKey !== undefined) headers["idempotency-key"] = request.idempotencyKey;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      // Aborted by the timeout, which reports it; anything else never reached an answer.
      if (signal.aborted) throw error;
      const cause = networkCause(error);
      throw new TransientFailure("network", `could not be reached (${cause})`, undefined, {
        cause: error,
        unsent: connectErrors.has(cause),
      });
    }
    if (response.status >= 500) {
      throw new TransientFailure(
        "server-error",
        `answered ${String(response.status)}`,
        response.status,
      );
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parseBody(text, response.headers),
    };
  }

  function failure(error: unknown, attempts: number, mayHaveReached: boolean): unknown {
    const tried = `${String(attempts)} ${attempts === 1 ? "attempt" : "attempts"}`;
    const appError = (
      code: "UNAVAILABLE" | "TOO_MANY_REQUESTS",
      kind: OutboundFailure,
      message: string,
      status?: number,
    ) =>
      new AppError(code, `${name} ${message}`, {
        cause: error,
        details: {
          dependency: name,
          failure: kind,
          attempts,
          mayHaveReached,
          ...(status === undefined ? {} : { status }),
        },
      });
    if (error instanceof BrokenCircuitError) {
      return appError(
        "UNAVAILABLE",
        "circuit-open",
        `is unavailable: its circuit is open after repeated failures, so calls fail fast (${tried})`,
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return appError(
        "TOO_MANY_REQUESTS",
        "bulkhead-full",
        "has too many calls in flight; try again later",
      );
    }
    if (error instanceof TaskCancelledError) {
      return appError(
        "UNAVAILABLE",
        "timeout",
        `did not answer within ${String(timeoutMs)} ms (${tried})`,
      );
    }
    if (error instanceof TransientFailure) {
      return appError("UNAVAILABLE", error.failure, `${error.message} (${tried})`, error.status);
    }
    return error;
  }

  return {
    name,

    /**
     * Sends the request through the policies; resolves with the first answer below 500. Rejects
     * with an AppError when none came: circuit open, bulkhead full, or every attempt timed out,
     * answered 5xx or could not connect.
     */
    async request(request: OutboundRequest): Promise<OutboundResponse> {
      if (!request.path.startsWith("/"))
        throw new Error(`${name}: a request path starts with "/", not ${request.path}`);
      const repeatable =
        repeatableMethods.has(request.method) || request.idempotencyKey !== undefined;
      let attempts = 0;
      // A try counts as possibly delivered from its start until it fails without having connected;
      // one cut short by the timeout is still settling when the call fails, and counts.
      let unsent = 0;
      try {
        const response = await (repeatable ? withRetries : once).execute(async ({ signal }) => {
          attempts += 1;
          try {
            return await attempt(request, signal);
          } catch (error) {
            if (error instanceof TransientFailure && error.unsent) unsent += 1;
            throw error;
          }
        });
        metrics?.calls.inc({ dependency: name, outcome: "answered" });
        return response;
      } catch (error) {
        const mapped = failure(error, attempts, attempts > unsent);
        const kind =
          mapped instanceof AppError ? (mapped.details.failure as OutboundFailure) : "error";
        metrics?.calls.inc({ dependency: name, outcome: kind });
        throw mapped;
      }
    },

    /** closed, open (calls fail fast) or half-open (a probe is deciding). */
    circuitState,

    /** For /health: fails while the circuit is open. */
    healthCheck: (): Promise<void> =>
      circuitState() === "open"
        ? Promise.reject(new Error(`${name}: circuit open, calls fail fast`))
        : Promise.resolve(),
  };
}

function parseBody(text: string, headers: Headers): unknown {
  if (text === "") return undefined;
  if (!/[/+]json\b/.test(headers.get("content-type") ?? "")) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** fetch's "fetch failed" hides the reason in its cause: ECONNREFUSED, ENOTFOUND, a reset socket. */
function networkCause(error: unknown): string {
  const cause =
    error instanceof Error
      ? (error.cause as { code?: unknown; message?: unknown } | undefined)
      : undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

interface ClientMetrics {
  circuit: Gauge<"dependency" | "state">;
  calls: Counter<"dependency" | "outcome">;
  retries: Counter<"dependency">;
}

/** The clients' metrics in a registry, created by the first client and shared by the others. */
function clientMetrics(registry: Registry): ClientMetrics {
  return {
    circuit: sharedMetric(
      registry,
      "outbound_circuit_state",
      () =>
        new Gauge({
          name: "outbound_circuit_state",
          help: "State of the circuit breaker of an outbound dependency: 1 for its current state, 0 for the others",
          labelNames: ["dependency", "state"],
          registers: [registry],
        }),
    ),
    calls: sharedMetric(
      registry,
      "outbound_calls_total",
      () =>
        new Counter({
          name: "outbound_calls_total",
          help: "Calls to an outbound dependency, by outcome: answered, or the failure that ended them",
          labelNames: ["dependency", "outcome"],
          registers: [registry],
        }),
    ),
    retries: sharedMetric(
      registry,
      "outbound_retries_total",
      () =>
        new Counter({
          name: "outbound_retries_total",
          help: "Attempts made again after a transient failure",
          labelNames: ["dependency"],
          registers: [registry],
        }),
    ),
  };
}
