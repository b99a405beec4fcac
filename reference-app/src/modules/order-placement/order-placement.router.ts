// `order.place`, merged beside the generated order procedures by src/extensions.ts. The
// Idempotency-Key header is required: a client that retries after a lost answer gets the first
// order, not a second one.
import { idempotent } from "../../platform/idempotency.js";
import { publicProcedure, router } from "../../trpc.js";
import { placeOrderSchema } from "./order-placement.js";

export const orderPlacementRouter = router({
  order: router({
    place: publicProcedure
      .input(placeOrderSchema)
      .concat(idempotent({ required: true }))
      .mutation(({ ctx, input }) =>
        ctx.services.orderPlacement.place(input, { idempotencyKey: ctx.idempotencyKey }),
      ),
  }),
});
