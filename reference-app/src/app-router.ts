// The tRPC app router: one sub-router per module. `npx plop entity` registers new routers at the
// markers below.
import { systemRouter } from "./modules/system/system.router.js";
import { router } from "./trpc.js";
import { customerRouter } from "./modules/customer/customer.router.js";
import { productRouter } from "./modules/product/product.router.js";
import { orderRouter } from "./modules/order/order.router.js";
import { orderLineRouter } from "./modules/order-line/order-line.router.js";
import { shipmentRouter } from "./modules/shipment/shipment.router.js";
// plop:router-imports

export const appRouter = router({
  system: systemRouter,
  customer: customerRouter,
  product: productRouter,
  order: orderRouter,
  orderLine: orderLineRouter,
  shipment: shipmentRouter,
  // plop:routers
});

export type AppRouter = typeof appRouter;
