// The shipment procedures: the domain's zod schemas validate the input,
// the service does the work.
import * as z from "zod";
import { pageInputSchema } from "../../platform/pagination.js";
import { publicProcedure, router } from "../../trpc.js";
import { newShipmentSchema, shipmentUpdateSchema } from "./shipment.js";

const byId = z.object({ id: z.uuid() });

export const shipmentRouter = router({
  create: publicProcedure
    .input(newShipmentSchema)
    .mutation(({ ctx, input }) => ctx.services.shipment.create(input)),
  get: publicProcedure.input(byId).query(({ ctx, input }) => ctx.services.shipment.get(input.id)),
  list: publicProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }) => ctx.services.shipment.list(input)),
  update: publicProcedure
    .input(shipmentUpdateSchema)
    .mutation(({ ctx, input }) => ctx.services.shipment.update(input)),
  delete: publicProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.services.shipment.delete(input.id);
    return { id: input.id };
  }),
});
