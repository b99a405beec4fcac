/**
 * Registers an entity's router in src/app-router.ts, its service in src/services.ts and its inputs
 * for the HTTP conformance test in test/support/conformance.ts, at the `// plop:...` marker comments.
 * Each insertion happens once: registering an entity that is already registered leaves the file as
 * it was. The files are formatted after every insertion, and Prettier may spread a registration over
 * several lines, so a registration is found by what it registers (the module an import names, the key
 * of an entry), never by its exact text.
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

/** A line to insert at a marker, and how to tell that a file already has it, in whatever layout. */
export interface Insertion {
  readonly line: string;
  isIn(lines: readonly string[], markerIndex: number): boolean;
}

/** `import { names } from "specifier";`, there when the file imports anything from `specifier`. */
export function importInsertion(names: readonly string[], specifier: string): Insertion {
  const imports = new RegExp(`\\bfrom\\s*["']${escapeRegExp(specifier)}["']`);
  return {
    line: `import { ${names.join(", ")} } from "${specifier}";`,
    isIn: (lines) => imports.test(lines.join("\n")),
  };
}

/**
 * `key: value,` in the object literal that holds the marker, there when that object has an entry
 * with this key: a line of the marker's block, at the marker's indentation, that starts with it.
 */
export function entryInsertion(key: string, value: string): Insertion {
  const entry = new RegExp(`^(${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')\\s*:`);
  return {
    line: `${key}: ${value},`,
    isIn: (lines, markerIndex) => blockAround(lines, markerIndex).some((line) => entry.test(line)),
  };
}

/** Inserts the line just above the marker, with the marker's indentation, unless the file already has it. */
export function insertAtMarker(text: string, marker: string, insertion: Insertion, file: string): string {
  const lines = text.split("\n");
  const index = lines.findIndex((candidate) => candidate.trim() === marker);
  if (index === -1) {
    throw new GeneratorError(`${file} has no "${marker}" marker: put it back where the generator adds lines.`);
  }
  if (insertion.isIn(lines, index)) return text;
  return [...lines.slice(0, index), `${indentationOf(lines[index] ?? "")}${insertion.line}`, ...lines.slice(index)].join("\n");
}

export function registerRouter(appRouterText: string, entity: EntityNames): string {
  const file = "src/app-router.ts";
  const router = `${entity.camel}Router`;
  const withImport = insertAtMarker(
    appRouterText,
    markers.routerImports,
    importInsertion([router], `./modules/${entity.kebab}/${entity.kebab}.router.js`),
    file,
  );
  return insertAtMarker(withImport, markers.routers, entryInsertion(entity.camel, router), file);
}

export function registerService(servicesText: string, entity: EntityNames): string {
  const file = "src/services.ts";
  const repository = `create${entity.pascal}PrismaRepository`;
  const service = `create${entity.pascal}Service`;
  const modulePath = `./modules/${entity.kebab}/${entity.kebab}`;
  let text = insertAtMarker(servicesText, markers.serviceImports, importInsertion([repository], `${modulePath}.repository.prisma.js`), file);
  text = insertAtMarker(text, markers.serviceImports, importInsertion([service], `${modulePath}.service.js`), file);
  return insertAtMarker(
    text,
    markers.services,
    entryInsertion(entity.camel, `${service}({ ${entity.camel}Repository: ${repository}(deps.prisma), clock: deps.clock })`),
    file,
  );
}

export function registerConformance(conformanceText: string, entity: EntityNames): string {
  const file = "test/support/conformance.ts";
  const store = `${entity.camel}PrismaStore`;
  const withImport = insertAtMarker(
    conformanceText,
    markers.conformanceImports,
    importInsertion([`create${entity.pascal}`, `prepareNew${entity.pascal}`, store], `../../src/modules/${entity.kebab}/${entity.kebab}.builder.js`),
    file,
  );
  return insertAtMarker(
    withImport,
    markers.conformance,
    entryInsertion(
      entity.camel,
      `{ seed: (prisma) => create${entity.pascal}(${store}(prisma)), newInput: (prisma) => prepareNew${entity.pascal}(${store}(prisma)) }`,
    ),
    file,
  );
}

/**
 * The lines at the marker's indentation in the block that holds it: from the marker up and down to
 * the first line indented less. Deeper lines (an entry spread over several lines) are skipped.
 */
function blockAround(lines: readonly string[], markerIndex: number): string[] {
  const indentation = indentationOf(lines[markerIndex] ?? "");
  const inBlock = (line: string) => line.trim() === "" || indentationOf(line).length >= indentation.length;
  let first = markerIndex;
  while (first > 0 && inBlock(lines[first - 1] ?? "")) first--;
  let last = markerIndex;
  while (last < lines.length - 1 && inBlock(lines[last + 1] ?? "")) last++;
  return lines
    .slice(first, last + 1)
    .filter((line) => line.trim() !== "" && indentationOf(line) === indentation)
    .map((line) => line.trim());
}

function indentationOf(line: string): string {
  return /^\s*/.exec(line)?.[0] ?? "";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
