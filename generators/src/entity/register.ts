/**
 * Registers an entity's router in src/app-router.ts, its service in src/services.ts and its inputs
 * for the HTTP conformance test in test/support/conformance.ts, at the `// plop:...` marker
 * comments. Each insertion happens once: registering an entity that is already registered leaves
 * the file as it was. unregister.ts removes the same lines, from the same table.
 */
import { GeneratorError } from "../errors.js";
import type { EntityNames } from "./naming.js";

export const markers = {
  routerImports: "// plop:router-imports",
  routers: "// plop:routers",
  serviceImports: "// plop:service-imports",
  services: "// plop:services",
  conformanceImports: "// plop:conformance-imports",
  conformance: "// plop:conformance",
} as const;

/** A line the generator puts above a marker comment of a file. */
export interface Registration {
  readonly file: string;
  readonly marker: string;
  readonly line: string;
}

export const registrationFiles = {
  router: "src/app-router.ts",
  service: "src/services.ts",
  conformance: "test/support/conformance.ts",
} as const;

/** Every line that registers the entity, per file, in the order they are inserted. */
export function registrationsOf(entity: EntityNames): Record<keyof typeof registrationFiles, readonly Registration[]> {
  const { router, service, conformance } = registrationFiles;
  return {
    router: [
      {
        file: router,
        marker: markers.routerImports,
        line: `import { ${entity.camel}Router } from "./modules/${entity.kebab}/${entity.kebab}.router.js";`,
      },
      { file: router, marker: markers.routers, line: `${entity.camel}: ${entity.camel}Router,` },
    ],
    service: [
      {
        file: service,
        marker: markers.serviceImports,
        line: `import { create${entity.pascal}PrismaRepository } from "./modules/${entity.kebab}/${entity.kebab}.repository.prisma.js";`,
      },
      {
        file: service,
        marker: markers.serviceImports,
        line: `import { create${entity.pascal}Service } from "./modules/${entity.kebab}/${entity.kebab}.service.js";`,
      },
      {
        file: service,
        marker: markers.services,
        line: `${entity.camel}: create${entity.pascal}Service({ ${entity.camel}Repository: create${entity.pascal}PrismaRepository(deps.prisma), clock: deps.clock }),`,
      },
    ],
    conformance: [
      {
        file: conformance,
        marker: markers.conformanceImports,
        line: `import { create${entity.pascal}, prepareNew${entity.pascal}, ${entity.camel}PrismaStore } from "../../src/modules/${entity.kebab}/${entity.kebab}.builder.js";`,
      },
      {
        file: conformance,
        marker: markers.conformance,
        line: `${entity.camel}: { seed: (prisma) => create${entity.pascal}(${entity.camel}PrismaStore(prisma)), newInput: (prisma) => prepareNew${entity.pascal}(${entity.camel}PrismaStore(prisma)) },`,
      },
    ],
  };
}

/** Inserts `line` just above the marker, with the marker's indentation, unless the file already has it. */
export function insertAtMarker(text: string, marker: string, line: string, file: string): string {
  const lines = text.split("\n");
  const index = lines.findIndex((candidate) => candidate.trim() === marker);
  if (index === -1) {
    throw new GeneratorError(`${file} has no "${marker}" marker: put it back where the generator adds lines.`);
  }
  const indentation = /^\s*/.exec(lines[index] ?? "")?.[0] ?? "";
  const wanted = `${indentation}${line}`;
  if (lines.some((candidate) => candidate.trim() === line.trim())) return text;
  return [...lines.slice(0, index), wanted, ...lines.slice(index)].join("\n");
}

export function registerRouter(appRouterText: string, entity: EntityNames): string {
  return register(appRouterText, registrationsOf(entity).router);
}

export function registerService(servicesText: string, entity: EntityNames): string {
  return register(servicesText, registrationsOf(entity).service);
}

export function registerConformance(conformanceText: string, entity: EntityNames): string {
  return register(conformanceText, registrationsOf(entity).conformance);
}

function register(text: string, registrations: readonly Registration[]): string {
  return registrations.reduce((current, { file, marker, line }) => insertAtMarker(current, marker, line, file), text);
}
