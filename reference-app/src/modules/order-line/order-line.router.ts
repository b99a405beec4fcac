// The order line procedures: the domain's zod schemas validate the input,
// the service does the work.
import * as z from "zod";
import { pageInputSchema } from "../../platform/pagination.js";
import { publicProcedure, router } from "../../trpc.js";
import { newOrderLineSchema, orderLineUpdateSchema } from "./order-line.js";

const byId = z.object({ id: z.uuid() });

export const orderLineRouter = router({
  create: publicProcedure
    .input(newOrderLineSchema)
    .mutation(({ ctx, input }) => ctx.services.orderLine.create(input)),
  get: publicProcedure.input(byId).query(({ ctx, input }) => ctx.services.orderLine.get(input.id)),
  list: publicProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }) => ctx.services.orderLine.list(input)),
  update: publicProcedure
    .input(orderLineUpdateSchema)
    .mutation(({ ctx, input }) => ctx.services.orderLine.update(input)),
  delete: publicProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.services.orderLine.delete(input.id);
    return { id: input.id };
  }),
});
