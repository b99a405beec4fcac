// The tRPC app router: one sub-router per module, merged with the procedures of src/extensions.ts
// (which may add to a module's namespace). `npx plop entity` registers new routers at the markers
// below.
import { extensions } from "./extensions.js";
import { systemRouter } from "./modules/system/system.router.js";
import { mergeRouters, router } from "./trpc.js";
import { customerRouter } from "./modules/customer/customer.router.js";
import { productRouter } from "./modules/product/product.router.js";
import { orderRouter } from "./modules/order/order.router.js";
import { orderLineRouter } from "./modules/order-line/order-line.router.js";
import { shipmentRouter } from "./modules/shipment/shipment.router.js";
// plop:router-imports

const generatedRouter = router({
  system: systemRouter,
  customer: customerRouter,
  product: productRouter,
  order: orderRouter,
  orderLine: orderLineRouter,
  shipment: shipmentRouter,
  // plop:routers
});

export const appRouter = mergeRouters(generatedRouter, extensions.router);

export type AppRouter = typeof appRouter;
