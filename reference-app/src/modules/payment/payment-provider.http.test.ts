// The HTTP payment provider against the fake provider, a process of its own on a real socket.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "../../../test/support/fake-payment-provider-control.js";
import { AppError } from "../../platform/errors.js";
import type { PaymentProviderConfig } from "./payment-provider.config.js";
import { isPaymentDeclined } from "./payment-provider.errors.js";
import { createHttpPaymentProvider } from "./payment-provider.http.js";
import type { ChargeRequest } from "./payment-provider.js";

let fake: FakePaymentProvider;

beforeAll(async () => {
  fake = await startFakePaymentProvider();
});

afterAll(async () => {
  await fake.stop();
});

beforeEach(async () => {
  await fake.reset();
});

const halfOpenAfterMs = 100;

function provider(overrides: Partial<PaymentProviderConfig> = {}) {
  return createHttpPaymentProvider({
    baseUrl: fake.url,
    timeoutMs: 250,
    retry: { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 },
    circuitBreaker: { consecutiveFailures: 4, halfOpenAfterMs },
    bulkhead: { maxConcurrent: 5, maxQueued: 5 },
    ...overrides,
  });
}

let orders = 0;
function chargeFor(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  orders += 1;
  const reference = `order-${String(orders)}`;
  return {
    amount: "12.50",
    currency: "EUR",
    reference,
    idempotencyKey: `charge-${reference}`,
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("the HTTP payment provider", () => {
  it("charges the amount under the caller's idempotency key and answers the charge's id", async () => {
    const request = chargeFor();
    const charge = await provider().charge(request);
    const { charges, requests } = await fake.received();
    expect(charges).toEqual([
      {
        id: charge.id,
        amount: "12.50",
        currency: "EUR",
        reference: request.reference,
        idempotencyKey: request.idempotencyKey,
      },
    ]);
    expect(requests).toEqual([
      {
        path: "/charges",
        idempotencyKey: request.idempotencyKey,
        body: { amount: "12.50", currency: "EUR", reference: request.reference },
        status: 201,
      },
    ]);
  });

  it("reports a declined charge as a payment-declined error, without retrying it", async () => {
    await fake.behave({ decline: true });
    const request = chargeFor();
    const error = await failureOf(provider().charge(request));
    expect(isPaymentDeclined(error)).toBe(true);
    expect(error.message).toBe(`The payment for ${request.reference} was declined`);
    const { requests, charges } = await fake.received();
    expect(requests).toHaveLength(1);
    expect(charges).toEqual([]);
  });

  it("retries a 5xx answer with backoff, and the provider charges once under one key", async () => {
    await fake.behave({ failures: 2 });
    const request = chargeFor();
    const charge = await provider().charge(request);
    const { requests, charges } = await fake.received();
    expect(requests.map(({ idempotencyKey, status }) => ({ idempotencyKey, status }))).toEqual([
      { idempotencyKey: request.idempotencyKey, status: 503 },
      { idempotencyKey: request.idempotencyKey, status: 503 },
      { idempotencyKey: request.idempotencyKey, status: 201 },
    ]);
    expect(charges.map((made) => made.id)).toEqual([charge.id]);
  });

  it("retries a charge whose answer timed out, and gets the first answer back: money taken once", async () => {
    // The first attempt is charged, then answered too late; the retry gets the remembered answer.
    await fake.behave({ slowAnswers: 1, delayMs: 2_000 });
    const charge = await provider().charge(chargeFor());
    const { requests, charges } = await fake.received();
    expect(requests).toHaveLength(2);
    expect(charges.map((made) => made.id)).toEqual([charge.id]);
  });

  it("retries a provider that is down, then reports it unreachable", async () => {
    await fake.down();
    try {
      const error = await failureOf(provider().charge(chargeFor()));
      expect(error).toMatchObject({
        code: "UNAVAILABLE",
        details: { dependency: "payment-provider", failure: "network", attempts: 4 },
      });
    } finally {
      await fake.up();
    }
    expect((await fake.received()).requests).toEqual([]);
  });

  describe("its circuit breaker", () => {
    it("opens after the configured failures in a row, fails fast while open, and closes after a successful probe", async () => {
      const payments = provider();
      await fake.behave({ failures: Infinity });
      // Four attempts, one try and three retries, fail in a row: the circuit opens on the fourth.
      expect((await failureOf(payments.charge(chargeFor()))).details).toMatchObject({
        failure: "server-error",
        attempts: 4,
      });
      expect(payments.circuitState()).toBe("open");
      await expect(payments.healthCheck()).rejects.toThrow("payment-provider: circuit open");

      const fast = await failureOf(payments.charge(chargeFor()));
      expect(fast).toMatchObject({
        code: "UNAVAILABLE",
        details: { failure: "circuit-open", attempts: 0 },
      });
      expect(fast.message).toMatch(/^payment-provider is unavailable: its circuit is open/);
      expect((await fake.received()).requests).toHaveLength(4);

      await fake.behave({});
      await sleep(halfOpenAfterMs + 20);
      const probe = await payments.charge(chargeFor());
      expect(payments.circuitState()).toBe("closed");
      await expect(payments.healthCheck()).resolves.toBeUndefined();
      expect((await fake.received()).charges.map((made) => made.id)).toEqual([probe.id]);
    });
  });

  it("refuses a charge beyond its bulkhead at once with TOO_MANY_REQUESTS, and never retries it", async () => {
    const payments = provider({ timeoutMs: 5_000, bulkhead: { maxConcurrent: 1, maxQueued: 0 } });
    await fake.behave({ slowAnswers: 1, delayMs: 300 });
    const inFlight = payments.charge(chargeFor());
    const refused = await failureOf(payments.charge(chargeFor()));
    expect(refused).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      details: { failure: "bulkhead-full", attempts: 0 },
    });
    await inFlight;
    const { requests, charges } = await fake.received();
    expect(requests).toHaveLength(1);
    expect(charges).toHaveLength(1);
  });

  describe("refunds", () => {
    it("gives a charge's money back", async () => {
      const payments = provider();
      const charge = await payments.charge(chargeFor());
      const refund = await payments.refund({
        chargeId: charge.id,
        idempotencyKey: `refund-${charge.id}`,
      });
      expect((await fake.received()).refunds).toEqual([
        { id: refund.id, charge: charge.id, idempotencyKey: `refund-${charge.id}` },
      ]);
    });

    it("refunds once under one key, however often it is asked or retried", async () => {
      const payments = provider();
      const charge = await payments.charge(chargeFor());
      const key = `refund-${charge.id}`;
      const first = await payments.refund({ chargeId: charge.id, idempotencyKey: key });
      await fake.behave({ failures: 1 });
      const again = await payments.refund({ chargeId: charge.id, idempotencyKey: key });
      expect(again).toEqual(first);
      expect((await fake.received()).refunds).toHaveLength(1);
    });

    it("reports a charge the provider does not know as NOT_FOUND", async () => {
      const error = await failureOf(
        provider().refund({ chargeId: "ch_unknown", idempotencyKey: "refund-unknown" }),
      );
      expect(error).toMatchObject({ code: "NOT_FOUND", details: { chargeId: "ch_unknown" } });
    });
  });
});
