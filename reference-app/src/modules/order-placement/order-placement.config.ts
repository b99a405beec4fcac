// The settings of order placement, read from the environment with the platform's parseEnv: a bad
// variable is refused at start with a message that names it. Every one has a default, so the
// service starts on its embedded default without any.
import * as z from "zod";
import { parseEnv } from "../../platform/config.js";

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  /** Reservations that may wait for one product behind the one in progress; one more is refused. */
  INVENTORY_MAILBOX_SIZE: z.coerce.number().int().min(0).default(100),
  /** How long `order.place` waits for the saga before it answers with the order still PENDING. */
  ORDER_PLACE_WAIT_MS: z.coerce.number().int().min(0).default(5_000),
  /** The currency of every price, as the payment provider is told it (ISO 4217). */
  ORDER_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: "must be an ISO 4217 code such as EUR" })
    .default("EUR"),
  /** The carrier new shipments are booked with. */
  SHIPPING_CARRIER: z.string().min(1).max(255).default("standard"),
  /**
   * How long a run holds a saga before another instance may take it over. A saga whose instance
   * died is taken up elsewhere about a lease after the crash when its caller drove it, and about a
   * lease and a third when a worker did (pg-boss notices the job's expiry within a third of a
   * lease), plus a job retry and a poll of a few seconds: see docs/saga.md.
   */
  SAGA_LEASE_SECONDS: positive(30),
  /** Sagas one instance's workers drive at once (recovered ones; callers drive their own). */
  SAGA_WORKER_CONCURRENCY: positive(4),
});

export interface OrderPlacementConfig {
  mailboxSize: number;
  waitMs: number;
  currency: string;
  carrier: string;
  leaseSeconds: number;
  workerConcurrency: number;
}

export function loadOrderPlacementConfig(
  env: Readonly<Record<string, string | undefined>>,
): OrderPlacementConfig {
  const vars = parseEnv(envSchema, env);
  return {
    mailboxSize: vars.INVENTORY_MAILBOX_SIZE,
    waitMs: vars.ORDER_PLACE_WAIT_MS,
    currency: vars.ORDER_CURRENCY,
    carrier: vars.SHIPPING_CARRIER,
    leaseSeconds: vars.SAGA_LEASE_SECONDS,
    workerConcurrency: vars.SAGA_WORKER_CONCURRENCY,
  };
}
