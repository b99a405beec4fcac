// Builders for the tests of order placement: customers and products to order, `order.place` over
// HTTP as a client sends it, and the money a fake payment provider holds per order.
import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.js";
import type { Database } from "../../src/platform/db/database.js";
import type { Received } from "./fake-payment-provider-control.js";

export async function seedCustomer(database: Pick<Database, "prisma">): Promise<string> {
  const customer = await database.prisma.customer.create({
    data: { name: "Ada", email: `ada-${randomUUID()}@example.com` },
  });
  return customer.id;
}

export async function seedProduct(
  database: Pick<Database, "prisma">,
  { stock = 10, price = "12.50", status = "ACTIVE" as const } = {},
): Promise<string> {
  const product = await database.prisma.product.create({
    data: { sku: `sku-${randomUUID()}`, name: "Lamp", price, stock, status },
  });
  return product.id;
}

export async function stockOf(
  database: Pick<Database, "prisma">,
  productId: string,
): Promise<number> {
  const product = await database.prisma.product.findUniqueOrThrow({ where: { id: productId } });
  return product.stock;
}

export interface PlaceOrderCall {
  customerId: string;
  lines: { productId: string; quantity: number }[];
}

export interface Answer {
  status: number;
  /** The order, on success. */
  order?: { id: string; status: string; total: string; failureReason: string | null };
  /** The tRPC error, on failure. */
  error?: { message: string; data: { code: string } };
}

/** POST /trpc/order.place, with an Idempotency-Key (a fresh one unless given). */
export async function placeOrder(
  app: App,
  input: PlaceOrderCall,
  idempotencyKey: string | null = randomUUID(),
): Promise<Answer> {
  const response = await app.server.inject({
    method: "POST",
    url: "/trpc/order.place",
    headers: idempotencyKey === null ? {} : { "idempotency-key": idempotencyKey },
    payload: input,
  });
  const body = response.json<{ result?: { data: Answer["order"] }; error?: Answer["error"] }>();
  return {
    status: response.statusCode,
    ...(body.result === undefined ? {} : { order: body.result.data }),
    ...(body.error === undefined ? {} : { error: body.error }),
  };
}

/** The money the provider holds for an order: its charges less their refunds, in cents. */
export function heldFor(received: Received, orderId: string): number {
  const refunded = new Set(received.refunds.map((refund) => refund.charge));
  return received.charges
    .filter((charge) => charge.reference === orderId && !refunded.has(charge.id))
    .reduce((cents, charge) => cents + Math.round(Number(charge.amount) * 100), 0);
}
