// The service's own module: what it is and how long it has run. It also gives a new project one
// procedure to call end to end before any entity exists.
import type { Clock } from "../../platform/clock.js";

export interface ServiceInfo {
  name: string;
  version: string;
}

export function createSystemService({ clock, info }: { clock: Clock; info: ServiceInfo }) {
  const startedAt = clock.now().getTime();
  return {
    info: () => ({
      ...info,
      uptimeSeconds: Math.floor((clock.now().getTime() - startedAt) / 1000),
    }),
  };
}

export type SystemService = ReturnType<typeof createSystemService>;
