// The payment provider's circuit breaker, seen from orders: the configured failures in a row open
// it; while it is open an order fails at once, without a request to the provider, and /health and
// /metrics say so; once the provider is back and the half-open delay has passed, the next order is
// the probe that closes it.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { databaseKinds } from "../../../test/support/database.js";
import {
  getOrder,
  health,
  heldFor,
  metric,
  placeOrder,
  seedCustomer,
  seedProduct,
  stockOf,
  useOrderApp,
} from "../../../test/support/orders.js";

const breakerFailures = 3;
// Long enough that the order placed right after the circuit opens meets it still open.
const halfOpenAfterMs = 2_000;

const circuit = (state: string) =>
  `outbound_circuit_state{dependency="payment-provider",state="${state}"}`;

describe.each(databaseKinds)("the payment circuit of order.place on $kind", ({ kind, skip }) => {
  if (skip !== false) {
    it.skip(skip, () => undefined);
    return;
  }
  const fixture = useOrderApp(kind, {
    env: {
      PAYMENT_PROVIDER_TIMEOUT_MS: "300",
      // One attempt per order, so that each order down is one failure of the circuit.
      PAYMENT_PROVIDER_MAX_RETRIES: "0",
      PAYMENT_PROVIDER_BREAKER_FAILURES: String(breakerFailures),
      PAYMENT_PROVIDER_BREAKER_HALF_OPEN_AFTER_MS: String(halfOpenAfterMs),
    },
  });

  it("opens after the configured failures, fails orders fast while open, and closes after a successful probe", async () => {
    const customerId = await seedCustomer(fixture.app.database);
    const lamp = await seedProduct(fixture.app.database, { stock: 10 });
    const order = () =>
      placeOrder(fixture.app, { customerId, lines: [{ productId: lamp, quantity: 1 }] });
    expect(await health(fixture.app)).toMatchObject({ code: 200, status: "ok" });
    expect(await metric(fixture.app, circuit("closed"))).toBe(1);

    await fixture.provider.down();
    for (let failure = 1; failure <= breakerFailures; failure += 1) {
      expect(await metric(fixture.app, circuit("open")), `before failure ${String(failure)}`).toBe(
        0,
      );
      const { order: failed } = await order();
      expect(failed).toMatchObject({
        status: "FAILED",
        failureReason:
          "charge-payment: payment-provider could not be reached (ECONNREFUSED) (1 attempt)",
      });
    }
    expect(await metric(fixture.app, circuit("open"))).toBe(1);

    // The provider answers again, but the circuit stays open until the half-open delay is over:
    // the order fails without reaching it.
    await fixture.provider.up();
    const { order: refused } = await order();
    expect(refused?.status).toBe("FAILED");
    expect(refused?.failureReason).toMatch(
      /^charge-payment: payment-provider is unavailable: its circuit is open/,
    );
    expect((await getOrder(fixture.app, refused?.id ?? "")).order).toEqual(refused);
    expect((await fixture.provider.received()).requests).toEqual([]);
    expect(await health(fixture.app)).toMatchObject({
      code: 200,
      status: "degraded",
      checks: { "payment-provider": { status: "down" }, database: { status: "up" } },
    });
    expect(await metric(fixture.app, circuit("open"))).toBe(1);
    expect(await metric(fixture.app, circuit("closed"))).toBe(0);
    expect(await stockOf(fixture.app.database, lamp)).toBe(10);

    await sleep(halfOpenAfterMs + 100);
    const { order: probe } = await order();
    expect(probe).toMatchObject({ status: "PAID", failureReason: null });
    expect(heldFor(await fixture.provider.received(), probe?.id ?? "")).toBe(1_250);
    expect(await health(fixture.app)).toMatchObject({
      code: 200,
      status: "ok",
      checks: { "payment-provider": { status: "up" } },
    });
    expect(await metric(fixture.app, circuit("closed"))).toBe(1);
    expect(await metric(fixture.app, circuit("open"))).toBe(0);
    expect(await stockOf(fixture.app.database, lamp)).toBe(9);
  });
});
