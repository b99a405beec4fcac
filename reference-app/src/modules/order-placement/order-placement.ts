// The domain of order placement: what `order.place` takes, a customer and the products and
// quantities ordered, each product once.
import * as z from "zod";

export const placeOrderSchema = z.object({
  customerId: z.uuid(),
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        quantity: z.int().min(1).max(10_000),
      }),
    )
    .min(1)
    .max(100)
    .refine((lines) => new Set(lines.map((line) => line.productId)).size === lines.length, {
      error: "must name each product once",
    }),
});

export type PlaceOrder = z.infer<typeof placeOrderSchema>;
export type OrderPlacementLine = PlaceOrder["lines"][number];
