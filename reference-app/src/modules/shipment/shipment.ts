import * as z from "zod";
import { dateTimeSchema } from "../../platform/field-schemas.js";

const shipmentFields = {
  orderId: z.uuid(),
  carrier: z.string().min(1).max(255),
  trackingNumber: z.string().min(1).max(255).nullable(),
  status: z.enum(["PENDING", "IN_TRANSIT", "DELIVERED", "RETURNED"]),
  shippedAt: dateTimeSchema().nullable(),
};

export const shipmentSchema = z.object({
  id: z.uuid(),
  ...shipmentFields,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.int().min(0),
});

export type Shipment = z.infer<typeof shipmentSchema>;

export const newShipmentSchema = z.object({
  orderId: shipmentFields.orderId,
  carrier: shipmentFields.carrier,
  trackingNumber: shipmentFields.trackingNumber.optional(),
  status: shipmentFields.status.default("PENDING"),
  shippedAt: shipmentFields.shippedAt.optional(),
});

/** What creating a shipment takes, once validated: defaults filled in. */
export type NewShipment = z.infer<typeof newShipmentSchema>;

export const shipmentChangesSchema = z.object(shipmentFields).partial();

export type ShipmentChanges = z.infer<typeof shipmentChangesSchema>;

/** Changes to a shipment, applied only if it is still at `version`. */
export const shipmentUpdateSchema = shipmentChangesSchema.extend({
  id: z.uuid(),
  version: z.int().min(0),
});

export type ShipmentUpdate = z.infer<typeof shipmentUpdateSchema>;
