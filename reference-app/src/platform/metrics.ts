// Prometheus metrics, served at /metrics: the default process metrics plus request count, duration
// and errors per tRPC procedure. One registry per service instance, so tests can build several.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  requests: Counter<"procedure" | "type" | "outcome">;
  duration: Histogram<"procedure" | "type">;
  errors: Counter<"procedure" | "code">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: "trpc_requests_total",
      help: "tRPC procedure calls, by procedure, type and outcome (ok or error)",
      labelNames: ["procedure", "type", "outcome"],
      registers: [registry],
    }),
    duration: new Histogram({
      name: "trpc_request_duration_seconds",
      help: "Duration of tRPC procedure calls in seconds",
      labelNames: ["procedure", "type"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: "trpc_errors_total",
      help: "tRPC procedure calls that failed, by procedure and tRPC error code",
      labelNames: ["procedure", "code"],
      registers: [registry],
    }),
  };
}

/**
 * The metric called `name` in `registry`, created by `create` the first time: code that several
 * instances build on one registry (an actor per kind of work, a client per dependency) shares its
 * metrics instead of registering them twice, which prom-client refuses.
 */
export function sharedMetric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}
