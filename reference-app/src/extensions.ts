// The hand-written code of this service beside the generated modules: order placement (a saga
// over the inventory, the payment provider and shipments, docs/order-placement.md), the store of
// idempotency keys that `idempotent()` (src/platform/idempotency.ts) uses, and the workers that
// drive sagas and delete expired keys. The generator wrote this file once, when it created the
// project, and never writes it again.
import type { HealthCheckEntry } from "./platform/http-server.js";
import { createIdempotencyStore } from "./platform/idempotency.js";
import { createKeyedActor } from "./platform/mailbox.js";
import { createSagaEngine } from "./platform/saga/saga-engine.js";
import { createInventory } from "./modules/order-placement/order-placement.inventory.js";
import { createOrderPlacementPrismaRepository } from "./modules/order-placement/order-placement.repository.prisma.js";
import { loadOrderPlacementConfig } from "./modules/order-placement/order-placement.config.js";
import { orderPlacementRouter } from "./modules/order-placement/order-placement.router.js";
import { createOrderPlacementService } from "./modules/order-placement/order-placement.service.js";
import { placeOrderSaga } from "./modules/order-placement/order-placement.saga.js";
import { loadPaymentProviderConfig } from "./modules/payment/payment-provider.config.js";
import { createHttpPaymentProvider } from "./modules/payment/payment-provider.http.js";
import { createUnconfiguredPaymentProvider } from "./modules/payment/payment-provider.unconfigured.js";
import type { GeneratedServices, ServiceDeps } from "./services.js";
import { defineExtensions } from "./trpc.js";

/** How often expired idempotency keys are deleted. */
const purgeEveryMs = 60 * 60 * 1000;

export function createExtensionServices(deps: ServiceDeps, services: GeneratedServices) {
  const { prisma, database, logger, metricsRegistry: registry } = deps;
  const env = deps.config.environment;
  const settings = loadOrderPlacementConfig(env);
  // Without PAYMENT_PROVIDER_URL (the embedded default) the service runs, and orders fail clearly.
  const provider =
    (env.PAYMENT_PROVIDER_URL ?? "") === ""
      ? undefined
      : createHttpPaymentProvider(loadPaymentProviderConfig(env), { registry });
  const payments = provider ?? createUnconfiguredPaymentProvider();
  const repository = createOrderPlacementPrismaRepository(prisma);
  const inventory = createInventory({
    repository,
    actor: createKeyedActor({ name: "inventory", mailboxSize: settings.mailboxSize, registry }),
  });
  const placeOrder = placeOrderSaga({
    repository,
    inventory,
    payments,
    currency: settings.currency,
    carrier: settings.carrier,
  });
  const sagas = createSagaEngine({
    database,
    logger,
    registry,
    sagas: [placeOrder],
    runner: { leaseSeconds: settings.leaseSeconds, concurrency: settings.workerConcurrency },
  });
  return {
    idempotency: createIdempotencyStore(database, deps.clock),
    paymentProvider: provider,
    sagas,
    orderPlacement: createOrderPlacementService({
      repository,
      orders: services.order,
      inventory,
      sagas,
      saga: placeOrder,
      logger,
      waitMs: settings.waitMs,
    }),
  };
}

export const extensions = defineExtensions({
  router: orderPlacementRouter,
  // The provider's circuit: "down" while open. Not critical: the service survives an outage.
  healthChecks: ({ paymentProvider }): Record<string, HealthCheckEntry> =>
    paymentProvider === undefined
      ? {}
      : { "payment-provider": { check: paymentProvider.healthCheck, critical: false } },
  workers: ({ idempotency, sagas }) => {
    let timer: NodeJS.Timeout | undefined;
    return [
      sagas.worker,
      {
        name: "idempotency-key-purge",
        start() {
          timer = setInterval(
            () => void idempotency.purgeExpired().catch(() => undefined),
            purgeEveryMs,
          );
          timer.unref();
        },
        stop() {
          clearInterval(timer);
        },
      },
    ];
  },
});
