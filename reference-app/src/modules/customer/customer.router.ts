// The customer procedures: the domain's zod schemas validate the input,
// the service does the work.
import * as z from "zod";
import { pageInputSchema } from "../../platform/pagination.js";
import { publicProcedure, router } from "../../trpc.js";
import { newCustomerSchema, customerUpdateSchema } from "./customer.js";

const byId = z.object({ id: z.uuid() });

export const customerRouter = router({
  create: publicProcedure
    .input(newCustomerSchema)
    .mutation(({ ctx, input }) => ctx.services.customer.create(input)),
  get: publicProcedure.input(byId).query(({ ctx, input }) => ctx.services.customer.get(input.id)),
  list: publicProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }) => ctx.services.customer.list(input)),
  update: publicProcedure
    .input(customerUpdateSchema)
    .mutation(({ ctx, input }) => ctx.services.customer.update(input)),
  delete: publicProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.services.customer.delete(input.id);
    return { id: input.id };
  }),
});
