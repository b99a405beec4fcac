import * as z from "zod";
import { dateTimeSchema, decimalSchema } from "../../platform/field-schemas.js";

const orderFields = {
  customerId: z.uuid(),
  status: z.enum(["PENDING", "PAID", "SHIPPED", "CANCELLED", "FAILED"]),
  total: decimalSchema({ precision: 12, scale: 2 }),
  placedAt: dateTimeSchema(),
  notes: z.string().min(1).nullable(),
  failureReason: z.string().min(1).nullable(),
};

export const orderSchema = z.object({
  id: z.uuid(),
  ...orderFields,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.int().min(0),
});

export type Order = z.infer<typeof orderSchema>;

export const newOrderSchema = z.object({
  customerId: orderFields.customerId,
  status: orderFields.status.default("PENDING"),
  total: orderFields.total.default("0.00"),
  placedAt: orderFields.placedAt.default(() => new Date()),
  notes: orderFields.notes.optional(),
  failureReason: orderFields.failureReason.optional(),
});

/** What creating an order takes, once validated: defaults filled in. */
export type NewOrder = z.infer<typeof newOrderSchema>;

export const orderChangesSchema = z.object(orderFields).partial();

export type OrderChanges = z.infer<typeof orderChangesSchema>;

/** Changes to an order, applied only if it is still at `version`. */
export const orderUpdateSchema = orderChangesSchema.extend({
  id: z.uuid(),
  version: z.int().min(0),
});

export type OrderUpdate = z.infer<typeof orderUpdateSchema>;
