// A real crash of the service: the process is killed with SIGKILL while an order's charge is in
// flight (the provider has taken the money and not yet answered), then started again on the same
// database. The restarted service finishes the order's saga from its job: the order ends PAID,
// charged once, its stock taken once and its shipment booked once.
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, freshDatabase, type FreshDatabase } from "./support/database.js";
import {
  startFakePaymentProvider,
  type FakePaymentProvider,
} from "./support/fake-payment-provider-control.js";
import { heldFor } from "./support/orders.js";
import { startService } from "./support/service-process.js";

/** Calls a procedure over HTTP as a client does: a mutation with a body, a query in the URL. */
async function call<T>(
  url: string,
  procedure: string,
  input: unknown,
  { mutation = false, headers = {} }: { mutation?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = mutation
    ? await fetch(`${url}/trpc/${procedure}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(input),
      })
    : await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (body.result === undefined) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

interface Order {
  id: string;
  status: string;
  total: string | null;
  failureReason: string | null;
}

describe.each(databaseKinds)(
  "an order whose service was killed mid-saga, on $kind",
  ({ kind, skip }) => {
    if (skip !== false) {
      it.skip(skip, () => undefined);
      return;
    }
    let provider: FakePaymentProvider;
    let dataDir: string | undefined;
    let fresh: FreshDatabase | undefined;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      provider = await startFakePaymentProvider();
      if (kind === "pglite") {
        dataDir = await mkdtemp(path.join(tmpdir(), "order-crash-"));
      } else {
        fresh = await freshDatabase("postgres");
      }
    });
    afterAll(async () => {
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      await provider.stop();
      if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
      await fresh?.dispose();
    });

    it(
      "is finished by the service started again: PAID, charged once, stock taken once",
      { timeout: 180_000 },
      async () => {
        const connection = fresh?.database.connection;
        const env = {
          ...(connection?.kind === "postgres"
            ? { DATABASE_URL: connection.url }
            : { DATABASE_URL: "", PGLITE_DATA_DIR: dataDir ?? "" }),
          PAYMENT_PROVIDER_URL: provider.url,
          PAYMENT_PROVIDER_TIMEOUT_MS: "60000",
          SAGA_LEASE_SECONDS: "2",
          ORDER_PLACE_WAIT_MS: "100",
        };
        const first = await startService(env);
        children.push(first.child);
        const customer = await call<{ id: string }>(
          first.url,
          "customer.create",
          { name: "Ada", email: `ada-${randomUUID()}@example.com` },
          { mutation: true },
        );
        const product = await call<{ id: string }>(
          first.url,
          "product.create",
          { sku: `sku-${randomUUID()}`, name: "Lamp", price: "12.50", stock: 5, status: "ACTIVE" },
          { mutation: true },
        );
        // The provider takes the money at once, and answers only after a minute.
        await provider.behave({ slowAnswers: 1, delayMs: 60_000 });

        const placed = await call<Order>(
          first.url,
          "order.place",
          { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }] },
          { mutation: true, headers: { "idempotency-key": randomUUID() } },
        );
        while ((await provider.received()).charges.length === 0) await sleep(20);
        first.child.kill("SIGKILL");
        await first.exit;
        const killedAt = Date.now();
        await provider.behave({});
        const second = await startService(env);
        children.push(second.child);
        let order = placed;
        while (order.status === "PENDING") {
          await sleep(50);
          order = await call<Order>(second.url, "order.get", { id: placed.id });
        }
        console.log(
          `order placement on ${kind}, process killed with SIGKILL mid-charge: the order ended ${order.status} ${String(Date.now() - killedAt)} ms after the kill (the restart included)`,
        );
        const stock = (await call<{ stock: number }>(second.url, "product.get", { id: product.id }))
          .stock;
        const shipments = await call<{ items: { orderId: string }[] }>(
          second.url,
          "shipment.list",
          {},
        );
        const received = await provider.received();
        second.child.kill("SIGTERM");

        expect(placed.status).toBe("PENDING");
        expect(order).toMatchObject({ status: "PAID", total: "25.00", failureReason: null });
        expect(stock).toBe(3);
        expect(shipments.items.filter((shipment) => shipment.orderId === placed.id)).toHaveLength(
          1,
        );
        expect(received.charges.map((charge) => charge.reference)).toEqual([placed.id]);
        expect(heldFor(received, placed.id)).toBe(2_500);
        expect(await second.exit).toBe(0);
      },
    );
  },
);
