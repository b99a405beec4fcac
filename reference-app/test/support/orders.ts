// Builders for the tests of order placement: customers and products to order, `order.place` over
// HTTP as a client sends it, and the money a fake payment provider holds per order.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { App } from "../../src/app.js";
import type { Logger } from "../../src/platform/logger.js";
import { buildApp } from "./app.js";
import type { DatabaseKind } from "./database.js";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "./fake-payment-provider-control.js";
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
  {
    stock = 10,
    price = "12.50",
    status = "ACTIVE",
  }: { stock?: number; price?: string; status?: "DRAFT" | "ACTIVE" | "ARCHIVED" } = {},
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

/** GET /trpc/order.get, as a client reads an order back later. */
export async function getOrder(app: App, id: string): Promise<Answer> {
  const response = await app.server.inject({
    method: "GET",
    url: `/trpc/order.get?input=${encodeURIComponent(JSON.stringify({ id }))}`,
  });
  const body = response.json<{ result?: { data: Answer["order"] }; error?: Answer["error"] }>();
  return {
    status: response.statusCode,
    ...(body.result === undefined ? {} : { order: body.result.data }),
    ...(body.error === undefined ? {} : { error: body.error }),
  };
}

/** The orders recorded for a customer. */
export function ordersOf(database: Database, customerId: string): Promise<number> {
  return database.prisma.order.count({ where: { customerId } });
}

/** The shipments booked for an order. */
export function shipmentsOf(database: Database, orderId: string): Promise<number> {
  return database.prisma.shipment.count({ where: { orderId } });
}

/**
 * Makes the database refuse every new shipment, as a carrier's booking that fails would, with a
 * trigger (no seam in the code under test); resolves with what takes the trigger away again.
 */
export async function refuseShipments(
  database: Database,
  message = "the carrier refused the shipment",
): Promise<() => Promise<void>> {
  const drop = `DROP TRIGGER IF EXISTS "test_refuse_shipment" ON "Shipment";
    DROP FUNCTION IF EXISTS "test_refuse_shipment"();`;
  await database.withSession((session) =>
    session.exec(`${drop}
      CREATE FUNCTION "test_refuse_shipment"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '%', ${quote(message)};
      END $$;
      CREATE TRIGGER "test_refuse_shipment" BEFORE INSERT ON "Shipment"
        FOR EACH ROW EXECUTE FUNCTION "test_refuse_shipment"();`),
  );
  return () => database.withSession((session) => session.exec(drop));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** GET /health: its status code and body. */
export async function health(
  app: App,
): Promise<{ code: number; status: string; checks: Record<string, { status: string }> }> {
  const response = await app.server.inject({ method: "GET", url: "/health" });
  const body = response.json<{ status: string; checks: Record<string, { status: string }> }>();
  return { code: response.statusCode, status: body.status, checks: body.checks };
}

/** The value of one sample of /metrics, by its name and labels as Prometheus prints them. */
export async function metric(app: App, sample: string): Promise<number | undefined> {
  const response = await app.server.inject({ method: "GET", url: "/metrics" });
  const line = response.body.split("\n").find((text) => text.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

export interface OrderApp {
  readonly app: App;
  readonly provider: FakePaymentProvider;
}

/**
 * For a describe block: an app on `kind` that pays through a fake provider of its own, started
 * before the block's tests, with the provider reset after each test, and both stopped after all.
 * `env` adds to PAYMENT_PROVIDER_URL.
 */
export function useOrderApp(
  kind: DatabaseKind,
  options: { env?: Record<string, string>; logger?: Logger } = {},
): OrderApp {
  let app: App | undefined;
  let provider: FakePaymentProvider | undefined;
  beforeAll(async () => {
    provider = await startFakePaymentProvider();
    app = await buildApp({
      kind,
      env: { PAYMENT_PROVIDER_URL: provider.url, ...options.env },
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
  });
  afterEach(async () => {
    await provider?.reset();
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useOrderApp: the app starts in beforeAll");
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get provider() {
      return started(provider);
    },
  };
}
