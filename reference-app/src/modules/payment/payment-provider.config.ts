// Where the payment provider is and how hard to try it, read from the environment with the
// platform's parseEnv (src/platform/config.ts): a bad or missing variable is refused with a message
// that names it.
import * as z from "zod";
import { parseEnv } from "../../platform/config.js";
import type { ResilientClientOptions } from "../../platform/resilient-client.js";

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PAYMENT_PROVIDER_URL: z.url({
    protocol: /^https?$/,
    error: "must be an http:// or https:// URL",
  }),
  PAYMENT_PROVIDER_TIMEOUT_MS: positive(2_000),
  PAYMENT_PROVIDER_MAX_RETRIES: count(3),
  PAYMENT_PROVIDER_RETRY_DELAY_MS: positive(100),
  PAYMENT_PROVIDER_BREAKER_FAILURES: positive(5),
  PAYMENT_PROVIDER_BREAKER_HALF_OPEN_AFTER_MS: positive(10_000),
  PAYMENT_PROVIDER_MAX_CONCURRENT: positive(20),
  PAYMENT_PROVIDER_MAX_QUEUED: count(100),
});

/** Everything the HTTP adapter needs but a metrics registry. */
export type PaymentProviderConfig = Omit<ResilientClientOptions, "name" | "registry">;

/** The longest wait between two tries, whatever the backoff has grown to. */
const maxRetryDelayMs = 5_000;

export function loadPaymentProviderConfig(
  env: Record<string, string | undefined> = process.env,
): PaymentProviderConfig {
  const vars = parseEnv(envSchema, env);
  return {
    baseUrl: vars.PAYMENT_PROVIDER_URL,
    timeoutMs: vars.PAYMENT_PROVIDER_TIMEOUT_MS,
    retry: {
      maxRetries: vars.PAYMENT_PROVIDER_MAX_RETRIES,
      initialDelayMs: vars.PAYMENT_PROVIDER_RETRY_DELAY_MS,
      maxDelayMs: Math.max(maxRetryDelayMs, vars.PAYMENT_PROVIDER_RETRY_DELAY_MS),
    },
    circuitBreaker: {
      consecutiveFailures: vars.PAYMENT_PROVIDER_BREAKER_FAILURES,
      halfOpenAfterMs: vars.PAYMENT_PROVIDER_BREAKER_HALF_OPEN_AFTER_MS,
    },
    bulkhead: {
      maxConcurrent: vars.PAYMENT_PROVIDER_MAX_CONCURRENT,
      maxQueued: vars.PAYMENT_PROVIDER_MAX_QUEUED,
    },
  };
}
