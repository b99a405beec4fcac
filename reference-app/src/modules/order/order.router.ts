// The order procedures: the domain's zod schemas validate the input,
// the service does the work.
import * as z from "zod";
import { pageInputSchema } from "../../platform/pagination.js";
import { publicProcedure, router } from "../../trpc.js";
import { newOrderSchema, orderUpdateSchema } from "./order.js";

const byId = z.object({ id: z.uuid() });

export const orderRouter = router({
  create: publicProcedure
    .input(newOrderSchema)
    .mutation(({ ctx, input }) => ctx.services.order.create(input)),
  get: publicProcedure.input(byId).query(({ ctx, input }) => ctx.services.order.get(input.id)),
  list: publicProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }) => ctx.services.order.list(input)),
  update: publicProcedure
    .input(orderUpdateSchema)
    .mutation(({ ctx, input }) => ctx.services.order.update(input)),
  delete: publicProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.services.order.delete(input.id);
    return { id: input.id };
  }),
});
