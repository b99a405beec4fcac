import * as z from "zod";
import { decimalSchema } from "../../platform/field-schemas.js";

const productFields = {
  sku: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  description: z.string().min(1).nullable(),
  price: decimalSchema({ precision: 12, scale: 2 }),
  stock: z.int32(),
  status: z.enum(["DRAFT", "ACTIVE", "ARCHIVED"]),
};

export const productSchema = z.object({
  id: z.uuid(),
  ...productFields,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.int().min(0),
});

export type Product = z.infer<typeof productSchema>;

export const newProductSchema = z.object({
  sku: productFields.sku,
  name: productFields.name,
  description: productFields.description.optional(),
  price: productFields.price,
  stock: productFields.stock.default(0),
  status: productFields.status.default("DRAFT"),
});

/** What creating a product takes, once validated: defaults filled in. */
export type NewProduct = z.infer<typeof newProductSchema>;

export const productChangesSchema = z.object(productFields).partial();

export type ProductChanges = z.infer<typeof productChangesSchema>;

/** Changes to a product, applied only if it is still at `version`. */
export const productUpdateSchema = productChangesSchema.extend({
  id: z.uuid(),
  version: z.int().min(0),
});

export type ProductUpdate = z.infer<typeof productUpdateSchema>;
