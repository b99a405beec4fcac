// The payment provider over its HTTP API (docs/payment-provider.md), through the platform's
// resilient client: each call has a timeout, transient failures are retried with backoff under the
// caller's idempotency key (so money is taken once), a circuit breaker fails calls fast while the
// provider is down, and a bulkhead caps the calls in flight. Its circuit state is for /health and
// /metrics.
import type { Registry } from "prom-client";
import * as z from "zod";
import { createResilientClient } from "../../platform/resilient-client.js";
import type { PaymentProviderConfig } from "./payment-provider.config.js";
import {
  alreadyRefunded,
  paymentDeclined,
  unexpectedAnswer,
  unknownCharge,
} from "./payment-provider.errors.js";
import type {
  Charge,
  ChargeRequest,
  PaymentProvider,
  Refund,
  RefundRequest,
} from "./payment-provider.js";

const chargeAnswer = z.object({ id: z.string().min(1), status: z.literal("succeeded") });
const refundAnswer = z.object({ id: z.string().min(1) });

export type HttpPaymentProvider = ReturnType<typeof createHttpPaymentProvider>;

export function createHttpPaymentProvider(
  config: PaymentProviderConfig,
  options: { registry?: Registry } = {},
) {
  const client = createResilientClient({ name: "payment-provider", ...config, ...options });

  const provider: PaymentProvider = {
    async charge({ amount, currency, reference, idempotencyKey }: ChargeRequest): Promise<Charge> {
      const { status, body } = await client.request({
        method: "POST",
        path: "/charges",
        body: { amount, currency, reference },
        idempotencyKey,
      });
      if (status === 402) throw paymentDeclined(reference);
      const answer = chargeAnswer.safeParse(body);
      if (status !== 201 || !answer.success) throw unexpectedAnswer("a charge", status, body);
      return { id: answer.data.id };
    },

    async refund({ chargeId, idempotencyKey }: RefundRequest): Promise<Refund> {
      const { status, body } = await client.request({
        method: "POST",
        path: "/refunds",
        body: { charge: chargeId },
        idempotencyKey,
      });
      if (status === 404) throw unknownCharge(chargeId);
      if (status === 409) throw alreadyRefunded(chargeId);
      const answer = refundAnswer.safeParse(body);
      if (status !== 201 || !answer.success) throw unexpectedAnswer("a refund", status, body);
      return { id: answer.data.id };
    },
  };

  return { ...provider, circuitState: client.circuitState, healthCheck: client.healthCheck };
}
