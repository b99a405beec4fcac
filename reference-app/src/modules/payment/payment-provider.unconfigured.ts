// The payment provider of a service started without PAYMENT_PROVIDER_URL (its embedded default):
// every call is refused with one clear reason, and nothing was sent anywhere, so an order placed
// without a provider fails at once and its saga has no charge to undo.
import { AppError } from "../../platform/errors.js";
import type { PaymentProvider } from "./payment-provider.js";

export function createUnconfiguredPaymentProvider(): PaymentProvider {
  const refuse = () =>
    Promise.reject(
      new AppError("UNAVAILABLE", "No payment provider is configured (set PAYMENT_PROVIDER_URL)", {
        details: { dependency: "payment-provider", mayHaveReached: false },
      }),
    );
  return { charge: refuse, refund: refuse };
}
