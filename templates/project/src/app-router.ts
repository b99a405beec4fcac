// The tRPC app router: one sub-router per module, merged with the procedures of src/extensions.ts
// (which may add to a module's namespace). `npx plop entity` registers new routers at the markers
// below.
import { extensions } from "./extensions.js";
import { systemRouter } from "./modules/system/system.router.js";
import { mergeRouters, router } from "./trpc.js";
// plop:router-imports

const generatedRouter = router({
  system: systemRouter,
  // plop:routers
});

export const appRouter = mergeRouters(generatedRouter, extensions.router);

export type AppRouter = typeof appRouter;
