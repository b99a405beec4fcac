// Builds every module's service from the platform's dependencies: the generated ones, then those of
// src/extensions.ts, which get the same dependencies and the generated services. `npx plop entity`
// adds each entity's service at the markers below; the composition root (app.ts) calls this once.
import type { Registry } from "prom-client";
import { createExtensionServices } from "./extensions.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";
import type { Database } from "./platform/db/database.js";
import { withExtensionServices } from "./platform/extensions.js";
import type { Logger } from "./platform/logger.js";
import { createSystemService, type ServiceInfo } from "./modules/system/system.service.js";
import { createCustomerPrismaRepository } from "./modules/customer/customer.repository.prisma.js";
import { createCustomerService } from "./modules/customer/customer.service.js";
import { createProductPrismaRepository } from "./modules/product/product.repository.prisma.js";
import { createProductService } from "./modules/product/product.service.js";
import { createOrderPrismaRepository } from "./modules/order/order.repository.prisma.js";
import { createOrderService } from "./modules/order/order.service.js";
import { createOrderLinePrismaRepository } from "./modules/order-line/order-line.repository.prisma.js";
import { createOrderLineService } from "./modules/order-line/order-line.service.js";
import { createShipmentPrismaRepository } from "./modules/shipment/shipment.repository.prisma.js";
import { createShipmentService } from "./modules/shipment/shipment.service.js";
// plop:service-imports

export interface ServiceDeps {
  prisma: PrismaClient;
  /**
   * Raw SQL sessions, for what Prisma Client does not express, and the connection for a library
   * that speaks to the database itself.
   */
  database: Database;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** The registry /metrics serves: a service's own metrics register here. */
  metricsRegistry: Registry;
  info: ServiceInfo;
}

function createGeneratedServices(deps: ServiceDeps) {
  return {
    system: createSystemService(deps),
    customer: createCustomerService({
      customerRepository: createCustomerPrismaRepository(deps.prisma),
      clock: deps.clock,
    }),
    product: createProductService({
      productRepository: createProductPrismaRepository(deps.prisma),
      clock: deps.clock,
    }),
    order: createOrderService({
      orderRepository: createOrderPrismaRepository(deps.prisma),
      clock: deps.clock,
    }),
    orderLine: createOrderLineService({
      orderLineRepository: createOrderLinePrismaRepository(deps.prisma),
      clock: deps.clock,
    }),
    shipment: createShipmentService({
      shipmentRepository: createShipmentPrismaRepository(deps.prisma),
      clock: deps.clock,
    }),
    // plop:services
  };
}

export type GeneratedServices = ReturnType<typeof createGeneratedServices>;

export function createServices(deps: ServiceDeps) {
  const generated = createGeneratedServices(deps);
  return withExtensionServices(generated, createExtensionServices(deps, generated));
}

export type Services = ReturnType<typeof createServices>;
