import * as z from "zod";
import { decimalSchema } from "../../platform/field-schemas.js";

const orderLineFields = {
  orderId: z.uuid(),
  productId: z.uuid(),
  quantity: z.int32(),
  unitPrice: decimalSchema({ precision: 12, scale: 2 }),
};

export const orderLineSchema = z.object({
  id: z.uuid(),
  ...orderLineFields,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.int().min(0),
});

export type OrderLine = z.infer<typeof orderLineSchema>;

export const newOrderLineSchema = z.object({
  orderId: orderLineFields.orderId,
  productId: orderLineFields.productId,
  quantity: orderLineFields.quantity,
  unitPrice: orderLineFields.unitPrice,
});

/** What creating an order line takes, once validated: defaults filled in. */
export type NewOrderLine = z.infer<typeof newOrderLineSchema>;

export const orderLineChangesSchema = z.object(orderLineFields).partial();

export type OrderLineChanges = z.infer<typeof orderLineChangesSchema>;

/** Changes to an order line, applied only if it is still at `version`. */
export const orderLineUpdateSchema = orderLineChangesSchema.extend({
  id: z.uuid(),
  version: z.int().min(0),
});

export type OrderLineUpdate = z.infer<typeof orderLineUpdateSchema>;
