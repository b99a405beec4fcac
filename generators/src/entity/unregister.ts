/**
 * Takes an entity's registrations out of src/app-router.ts, src/services.ts and
 * test/support/conformance.ts: the lines register.ts put above the `// plop:...` markers, wherever
 * they are now. A line that is gone already is not an error; the rest of the file stays as it is.
 */
import type { EntityNames } from "./naming.js";
import { registrationsOf, type Registration } from "./register.js";

export function unregisterRouter(appRouterText: string, entity: EntityNames): string {
  return unregister(appRouterText, registrationsOf(entity).router);
}

export function unregisterService(servicesText: string, entity: EntityNames): string {
  return unregister(servicesText, registrationsOf(entity).service);
}

export function unregisterConformance(conformanceText: string, entity: EntityNames): string {
  return unregister(conformanceText, registrationsOf(entity).conformance);
}

/** Removes each registration's line, matched as register.ts inserts it: whole, whatever its indentation. */
export function unregister(text: string, registrations: readonly Registration[]): string {
  const lines = new Set(registrations.map((registration) => registration.line.trim()));
  return text
    .split("\n")
    .filter((line) => !lines.has(line.trim()))
    .join("\n");
}
