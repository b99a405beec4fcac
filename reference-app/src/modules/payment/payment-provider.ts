// The payment provider as the rest of the service sees it: take money for an order, give it back.
// payment-provider.http.ts implements it over the provider's HTTP API; tests and other adapters may
// implement it too. Amounts are exact decimal strings, as everywhere in this service.

export interface ChargeRequest {
  /** A decimal string with at most two decimals, such as "12.50". */
  amount: string;
  /** An ISO 4217 code, such as "EUR". */
  currency: string;
  /** What is paid for, such as an order's id. */
  reference: string;
  /** The same key for every try of one charge, across retries and restarts: the provider charges once per key. */
  idempotencyKey: string;
}

export interface Charge {
  id: string;
}

export interface RefundRequest {
  chargeId: string;
  /** The same key for every try of one refund. */
  idempotencyKey: string;
}

export interface Refund {
  id: string;
}

export interface PaymentProvider {
  /**
   * Takes the money. Throws an AppError: declined (see `isPaymentDeclined`), TOO_MANY_REQUESTS
   * when too many calls are in flight, UNAVAILABLE when the provider could not be reached or
   * its circuit is open (the error's details say which).
   */
  charge(request: ChargeRequest): Promise<Charge>;
  /** Gives the money of a charge back; throws as `charge` does, NOT_FOUND for an unknown charge. */
  refund(request: RefundRequest): Promise<Refund>;
}
