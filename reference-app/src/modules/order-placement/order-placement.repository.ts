// What order placement needs of the database, as a port: the Prisma adapter implements it
// (order-placement.repository.prisma.ts), and tests wrap it to make a step fail. Every write is
// safe to repeat: a saga step may run again after a crash.
import type { SqlClient } from "../../platform/saga/saga-store.js";
import type { OrderPlacementLine } from "./order-placement.js";

/** Checks, inside a transaction, that the write may still be made (StepContext's `fence`). */
export type Fence = (tx: SqlClient) => Promise<void>;

/** Why a line could not be reserved; undefined when it was, now or before. */
export type ReservationRefusal = string | undefined;

export interface OrderPlacementRepository {
  customerExists(customerId: string): Promise<boolean>;
  /** The first of these products that does not exist. */
  missingProduct(productIds: readonly string[]): Promise<string | undefined>;
  /**
   * Records the order PENDING and, in the same transaction, runs `alsoInTransaction` (which starts
   * the order's saga): both exist, or neither. False, and nothing done, when an order with this id
   * exists already.
   */
  createPendingOrder(
    order: { id: string; customerId: string },
    alsoInTransaction: (tx: SqlClient) => Promise<unknown>,
  ): Promise<boolean>;
  /**
   * Takes the line's stock, if there is enough and the product is for sale, and records the line
   * with the product's price, in one transaction that begins with `fence` (the saga run's token,
   * which refuses a run that no longer drives the order's saga); a line recorded already is left
   * as it is.
   */
  reserveLine(orderId: string, line: OrderPlacementLine, fence: Fence): Promise<ReservationRefusal>;
  /** Deletes the order's lines and gives their stock back, each line once. */
  releaseLines(orderId: string): Promise<void>;
  /** Sets the order's total from its lines and returns it, as a decimal string. */
  priceOrder(orderId: string): Promise<string>;
  /** Books the order's shipment once, fenced as `reserveLine`; a second call returns the first. */
  bookShipment(orderId: string, carrier: string, fence: Fence): Promise<{ shipmentId: string }>;
  /** Cancels the order's shipments that have not left. */
  cancelShipments(orderId: string): Promise<void>;
  /** A PENDING order becomes PAID. */
  markPaid(orderId: string): Promise<void>;
  /** A PENDING order becomes FAILED, with the reason. */
  markFailed(orderId: string, reason: string): Promise<void>;
}
