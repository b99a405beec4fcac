// Builds every module's service from the platform's dependencies. `npx plop entity` adds each
// entity's service at the markers below; the composition root (app.ts) calls this once.
import type { PrismaClient } from "./generated/prisma/client.js";
import type { Clock } from "./platform/clock.js";
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
  clock: Clock;
  info: ServiceInfo;
}

export function createServices(deps: ServiceDeps) {
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

export type Services = ReturnType<typeof createServices>;
