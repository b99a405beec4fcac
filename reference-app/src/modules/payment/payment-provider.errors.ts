// The payment provider's answers that are not failures of the call: a declined charge, a refund
// of an unknown or already refunded charge. Callers tell a decline apart with `isPaymentDeclined`.
import { AppError } from "../../platform/errors.js";

const declined = "payment-declined";

export function paymentDeclined(reference: string): AppError {
  return new AppError("BAD_REQUEST", `The payment for ${reference} was declined`, {
    details: { reason: declined, reference },
  });
}

export function isPaymentDeclined(error: unknown): boolean {
  return error instanceof AppError && error.details.reason === declined;
}

export function unknownCharge(chargeId: string): AppError {
  return new AppError("NOT_FOUND", `The payment provider knows no charge ${chargeId}`, {
    details: { chargeId },
  });
}

const refundedAlready = "already-refunded";

export function alreadyRefunded(chargeId: string): AppError {
  return new AppError("CONFLICT", `Charge ${chargeId} was already refunded under another key`, {
    details: { reason: refundedAlready, chargeId },
  });
}

export function isAlreadyRefunded(error: unknown): boolean {
  return error instanceof AppError && error.details.reason === refundedAlready;
}

/** An answer outside the provider's API: a bug on one side or the other, for the logs. */
export function unexpectedAnswer(operation: string, status: number, body: unknown): AppError {
  return new AppError(
    "INTERNAL",
    `The payment provider answered ${operation} with ${String(status)} unexpectedly`,
    {
      details: { operation, status, body },
    },
  );
}
