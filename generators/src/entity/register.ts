/**
 * Registers an entity's router in src/app-router.ts, its service in src/services.ts and its inputs
 * for the HTTP conformance test in test/support/conformance.ts, at the `// plop:...` marker comments. Each insertion happens once: registering an entity that is already
 * registered leaves the file as it was.
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
  const file = "src/app-router.ts";
  const withImport = insertAtMarker(
    appRouterText,
    markers.routerImports,
    `import { ${entity.camel}Router } from "./modules/${entity.kebab}/${entity.kebab}.router.js";`,
    file,
  );
  return insertAtMarker(withImport, markers.routers, `${entity.camel}: ${entity.camel}Router,`, file);
}

export function registerService(servicesText: string, entity: EntityNames): string {
  const file = "src/services.ts";
  let text = insertAtMarker(
    servicesText,
    markers.serviceImports,
    `import { create${entity.pascal}PrismaRepository } from "./modules/${entity.kebab}/${entity.kebab}.repository.prisma.js";`,
    file,
  );
  text = insertAtMarker(
    text,
    markers.serviceImports,
    `import { create${entity.pascal}Service } from "./modules/${entity.kebab}/${entity.kebab}.service.js";`,
    file,
  );
  return insertAtMarker(
    text,
    markers.services,
    `${entity.camel}: create${entity.pascal}Service({ ${entity.camel}Repository: create${entity.pascal}PrismaRepository(deps.prisma), clock: deps.clock }),`,
    file,
  );
}

export function registerConformance(conformanceText: string, entity: EntityNames): string {
  const file = "test/support/conformance.ts";
  const withImport = insertAtMarker(
    conformanceText,
    markers.conformanceImports,
    `import { create${entity.pascal}, prepareNew${entity.pascal}, ${entity.camel}PrismaStore } from "../../src/modules/${entity.kebab}/${entity.kebab}.builder.js";`,
    file,
  );
  return insertAtMarker(
    withImport,
    markers.conformance,
    `${entity.camel}: { seed: (prisma) => create${entity.pascal}(${entity.camel}PrismaStore(prisma)), newInput: (prisma) => prepareNew${entity.pascal}(${entity.camel}PrismaStore(prisma)) },`,
    file,
  );
}
