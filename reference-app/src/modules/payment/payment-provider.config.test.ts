import { describe, expect, it } from "vitest";
import { ConfigError } from "../../platform/config.js";
import { loadPaymentProviderConfig } from "./payment-provider.config.js";

describe("the payment provider's configuration", () => {
  it("needs only the provider's URL, and has defaults for how hard to try it", () => {
    expect(
      loadPaymentProviderConfig({ PAYMENT_PROVIDER_URL: "https://pay.example.com/v1" }),
    ).toEqual({
      baseUrl: "https://pay.example.com/v1",
      timeoutMs: 2_000,
      retry: { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 5_000 },
      circuitBreaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
      bulkhead: { maxConcurrent: 20, maxQueued: 100 },
    });
  });

  it("reads every setting from the environment", () => {
    const config = loadPaymentProviderConfig({
      PAYMENT_PROVIDER_URL: "http://127.0.0.1:4010",
      PAYMENT_PROVIDER_TIMEOUT_MS: "500",
      PAYMENT_PROVIDER_MAX_RETRIES: "0",
      PAYMENT_PROVIDER_RETRY_DELAY_MS: "50",
      PAYMENT_PROVIDER_BREAKER_FAILURES: "3",
      PAYMENT_PROVIDER_BREAKER_HALF_OPEN_AFTER_MS: "1000",
      PAYMENT_PROVIDER_MAX_CONCURRENT: "4",
      PAYMENT_PROVIDER_MAX_QUEUED: "0",
    });
    expect(config).toMatchObject({
      timeoutMs: 500,
      retry: { maxRetries: 0, initialDelayMs: 50 },
      circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: 1_000 },
      bulkhead: { maxConcurrent: 4, maxQueued: 0 },
    });
  });

  it("refuses a missing URL and a bad number, naming each variable", () => {
    const load = () =>
      loadPaymentProviderConfig({ PAYMENT_PROVIDER_URL: "", PAYMENT_PROVIDER_TIMEOUT_MS: "soon" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /^Invalid configuration: PAYMENT_PROVIDER_URL: [^;]+; PAYMENT_PROVIDER_TIMEOUT_MS: [^;]+$/,
    );
  });

  it("refuses a URL that is not http or https", () => {
    expect(() =>
      loadPaymentProviderConfig({ PAYMENT_PROVIDER_URL: "ftp://pay.example.com" }),
    ).toThrow("Invalid configuration: PAYMENT_PROVIDER_URL: must be an http:// or https:// URL");
  });
});
