// The hand-written code of this service beside the generated modules: the store of idempotency
// keys that `idempotent()` (src/platform/idempotency.ts) uses, and the worker that deletes expired
// keys. The generator wrote this file once, when it created the project, and never writes it again.
import { createIdempotencyStore } from "./platform/idempotency.js";
import type { GeneratedServices, ServiceDeps } from "./services.js";
import { defineExtensions } from "./trpc.js";

/** How often expired idempotency keys are deleted. */
const purgeEveryMs = 60 * 60 * 1000;

export function createExtensionServices(deps: ServiceDeps, _services: GeneratedServices) {
  return {
    idempotency: createIdempotencyStore(deps.database, deps.clock),
  };
}

export const extensions = defineExtensions({
  workers: ({ idempotency }) => {
    let timer: NodeJS.Timeout | undefined;
    return [
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
