// Stock reservations for orders. Each reservation of a product goes through the product's actor
// (src/platform/mailbox.ts): one at a time per product in this process, so concurrent orders for a
// popular product wait here, in a bounded mailbox, instead of contending for its row; a full
// mailbox refuses at once. The database stays the source of truth: the repository takes stock with
// a conditional update that can never make it negative, whatever other instances do meanwhile.
import { AppError } from "../../platform/errors.js";
import type { KeyedActor } from "../../platform/mailbox.js";
import { FinalStepError } from "../../platform/saga/saga.js";
import type { OrderPlacementLine } from "./order-placement.js";
import type { Fence, OrderPlacementRepository } from "./order-placement.repository.js";

export type Inventory = ReturnType<typeof createInventory>;

export function createInventory({
  repository,
  actor,
}: {
  repository: OrderPlacementRepository;
  /** The per-product actor; its mailbox size bounds the reservations waiting for one product. */
  actor: KeyedActor;
}) {
  return {
    /** Whether every product's mailbox would take a reservation now. */
    hasRoom(lines: readonly OrderPlacementLine[]): boolean {
      return lines.every((line) => actor.hasRoom(line.productId));
    },

    /**
     * Reserves every line, or none: when a product is short, not for sale, or has too many
     * reservations waiting, what was reserved is released and a FinalStepError says why. Products
     * are taken in the order of their ids, the same for every order.
     */
    async reserve(
      orderId: string,
      lines: readonly OrderPlacementLine[],
      fence: Fence,
    ): Promise<void> {
      const sorted = [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1));
      let refusal: string | undefined;
      try {
        for (const line of sorted) {
          refusal = await actor.run(line.productId, () =>
            repository.reserveLine(orderId, line, fence),
          );
          if (refusal !== undefined) break;
        }
      } catch (error) {
        if (!(error instanceof AppError && error.code === "TOO_MANY_REQUESTS")) throw error;
        refusal = error.message;
      }
      if (refusal === undefined) return;
      await repository.releaseLines(orderId);
      throw new FinalStepError(refusal);
    },

    /** Gives back the stock of every line of the order; not through the actor: it never waits. */
    release: (orderId: string) => repository.releaseLines(orderId),
  };
}
