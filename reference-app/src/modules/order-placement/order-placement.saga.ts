// Placing an order, as a saga (src/platform/saga/): each step and, where it changed something, the
// step that undoes it. The saga's id is the order's id. See docs/order-placement.md.
//
//   reserve-stock   take each line's stock (order-placement.inventory.ts)  undo: give it back
//   price-order     the order's total from its lines' prices
//   charge-payment  take the total from the payment provider         undo: refund it
//   book-shipment   book the order's shipment                        undo: cancel it
//   mark-paid       the order becomes PAID
// When a step fails, the steps before it are undone in reverse order, and then the order becomes
// FAILED with the reason (onFailed).
import { AppError } from "../../platform/errors.js";
import { SagaOwnershipLost } from "../../platform/saga/saga-store.js";
import { defineSaga, FinalStepError, type StepContext } from "../../platform/saga/saga.js";
import type { PaymentProvider } from "../payment/payment-provider.js";
import { isAlreadyRefunded, isPaymentDeclined } from "../payment/payment-provider.errors.js";
import type { PlaceOrder } from "./order-placement.js";
import type { Inventory } from "./order-placement.inventory.js";
import type { OrderPlacementRepository } from "./order-placement.repository.js";

export interface PlaceOrderSagaDeps {
  repository: OrderPlacementRepository;
  inventory: Inventory;
  payments: PaymentProvider;
  currency: string;
  carrier: string;
}

export interface PlaceOrderInput extends PlaceOrder {
  orderId: string;
}

interface Priced {
  total: string;
}

interface Charged {
  chargeId: string;
}

export const placeOrderSagaName = "place-order";

export function placeOrderSaga({
  repository,
  inventory,
  payments,
  currency,
  carrier,
}: PlaceOrderSagaDeps) {
  const chargeRequest = (orderId: string, priced: Priced, idempotencyKey: string) => ({
    amount: priced.total,
    currency,
    reference: orderId,
    idempotencyKey,
  });

  return defineSaga<PlaceOrderInput>({
    name: placeOrderSagaName,
    steps: [
      {
        name: "reserve-stock",
        run: readable(async ({ input, fence }) => {
          await inventory.reserve(input.orderId, input.lines, fence);
          return null;
        }),
        compensate: ({ input }) => inventory.release(input.orderId),
      },
      {
        name: "price-order",
        run: readable(async ({ input }): Promise<Priced> => ({
          total: await repository.priceOrder(input.orderId),
        })),
      },
      {
        name: "charge-payment",
        // The payment client retries by itself; a charge that still fails is not tried again here:
        // the saga compensates, and the refund settles whatever the provider did.
        maxAttempts: 1,
        run: readable(async ({ input, results, idempotencyKey, attempt }): Promise<Charged> => {
          const priced = results["price-order"] as Priced;
          try {
            const charge = await payments.charge(
              chargeRequest(input.orderId, priced, idempotencyKey),
            );
            return { chargeId: charge.id };
          } catch (error) {
            if (isPaymentDeclined(error)) throw new FinalStepError("the payment was declined");
            // Nothing reached the provider (circuit open, no connection), and no earlier attempt
            // before a crash may have: there is no charge to undo.
            if (notSent(error) && attempt === 1) throw new FinalStepError(messageOf(error));
            throw error;
          }
        }),
        compensate: async ({ input, results, result, sagaId, idempotencyKey }) => {
          let chargeId = (result as Charged | undefined)?.chargeId;
          if (chargeId === undefined) {
            // The charge's outcome is unknown (a timeout, a crash): asking again under its key
            // gets the provider's first answer, or makes the charge now, to be refunded at once.
            try {
              const priced = results["price-order"] as Priced;
              chargeId = (
                await payments.charge(
                  chargeRequest(input.orderId, priced, `${sagaId}:charge-payment`),
                )
              ).id;
            } catch (error) {
              if (isPaymentDeclined(error)) return;
              throw error;
            }
          }
          try {
            await payments.refund({ chargeId, idempotencyKey });
          } catch (error) {
            // Refunded already under another key: the money is back all the same.
            if (!isAlreadyRefunded(error)) throw error;
          }
        },
      },
      {
        name: "book-shipment",
        run: readable(({ input, fence }) => repository.bookShipment(input.orderId, carrier, fence)),
        compensate: ({ input }) => repository.cancelShipments(input.orderId),
      },
      {
        name: "mark-paid",
        // Past the charge and the booking, the saga only goes forward: this write is tried until
        // the database takes it, never undone by a refund while the order may already read PAID.
        maxAttempts: Number.POSITIVE_INFINITY,
        run: readable(async ({ input }) => {
          await repository.markPaid(input.orderId);
          return null;
        }),
      },
    ],
    onFailed: ({ input, reason }) => repository.markFailed(input.orderId, reason),
  });
}

/**
 * A step's run whose failures the order's caller may read: the saga records a failure's message in
 * the order's failureReason, which `order.get` shows. Refusals (FinalStepError) and the
 * application's errors (AppError) are worded for clients; anything else (a database error, a bug)
 * would show internals such as the server's file paths, so it is reported as an internal error,
 * the original kept as its cause for the logs. It stays retryable all the same.
 */
function readable<Output>(
  run: (context: StepContext<PlaceOrderInput>) => Promise<Output>,
): (context: StepContext<PlaceOrderInput>) => Promise<Output> {
  return async (context) => {
    try {
      return await run(context);
    } catch (error) {
      if (
        error instanceof FinalStepError ||
        error instanceof AppError ||
        error instanceof SagaOwnershipLost
      ) {
        throw error;
      }
      throw new Error("an internal error occurred; the service's logs have its details", {
        cause: error,
      });
    }
  };
}

/** A payment call that never reached the provider, as the resilient client reports it. */
function notSent(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.code === "UNAVAILABLE" || error.code === "TOO_MANY_REQUESTS") &&
    error.details.mayHaveReached === false
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
