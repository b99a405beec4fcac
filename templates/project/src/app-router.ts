// The tRPC app router: one sub-router per module. `npx plop entity` registers new routers at the
// markers below.
import { systemRouter } from "./modules/system/system.router.js";
import { router } from "./trpc.js";
// plop:router-imports

export const appRouter = router({
  system: systemRouter,
  // plop:routers
});

export type AppRouter = typeof appRouter;
