// The product procedures: the domain's zod schemas validate the input,
// the service does the work.
import * as z from "zod";
import { pageInputSchema } from "../../platform/pagination.js";
import { publicProcedure, router } from "../../trpc.js";
import { newProductSchema, productUpdateSchema } from "./product.js";

const byId = z.object({ id: z.uuid() });

export const productRouter = router({
  create: publicProcedure
    .input(newProductSchema)
    .mutation(({ ctx, input }) => ctx.services.product.create(input)),
  get: publicProcedure.input(byId).query(({ ctx, input }) => ctx.services.product.get(input.id)),
  list: publicProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }) => ctx.services.product.list(input)),
  update: publicProcedure
    .input(productUpdateSchema)
    .mutation(({ ctx, input }) => ctx.services.product.update(input)),
  delete: publicProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.services.product.delete(input.id);
    return { id: input.id };
  }),
});
