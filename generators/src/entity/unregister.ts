/**
 * Takes an entity's registrations out of src/app-router.ts, src/services.ts and
 * test/support/conformance.ts: what register.ts put above the `// plop:...` markers, wherever it is
 * now and however it is laid out. A formatter may spread an import or an entry over several lines,
 * so an import is found by the module it names and an entry by its key in the marker's block. A
 * registration that is gone already is not an error; the rest of the file stays as it is.
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

export function unregister(text: string, registrations: readonly Registration[]): string {
  return registrations.reduce((current, registration) => {
    const lines = current.split("\n");
    const span = importSpan(lines, registration) ?? entrySpan(lines, registration);
    return span === undefined ? current : [...lines.slice(0, span.start), ...lines.slice(span.end)].join("\n");
  }, text);
}

interface Span {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** The lines of the import statement that imports from the registration's module. */
function importSpan(lines: readonly string[], { insertion }: Registration): Span | undefined {
  if (!("import" in insertion.registers)) return undefined;
  const specifier = insertion.registers.import;
  const end = lines.findIndex((text) => /\bfrom\s*["']/.test(text) && (text.includes(`"${specifier}"`) || text.includes(`'${specifier}'`)));
  if (end === -1) return undefined;
  let start = end;
  while (start > 0 && !/^\s*import\b/.test(lines[start] ?? "")) start -= 1;
  return { start, end: end + 1 };
}

/** The lines of the entry with the registration's key in the block of its marker, up to its closing comma. */
function entrySpan(lines: readonly string[], { marker, insertion }: Registration): Span | undefined {
  const key = "key" in insertion.registers ? insertion.registers.key : undefined;
  const markerIndex = lines.findIndex((text) => text.trim() === marker);
  if (key === undefined || markerIndex === -1) return undefined;
  const indentation = indentationOf(lines[markerIndex] ?? "");
  let start = markerIndex - 1;
  while (start >= 0 && !startsEntry(lines[start] ?? "", indentation, key)) {
    if (indentationOf(lines[start] ?? "").length < indentation.length && (lines[start] ?? "").trim() !== "") return undefined;
    start -= 1;
  }
  if (start < 0) return undefined;
  let depth = 0;
  for (let end = start; end < markerIndex; end += 1) {
    depth += bracketBalance(lines[end] ?? "");
    if (depth <= 0) return { start, end: end + 1 };
  }
  return undefined;
}

function startsEntry(text: string, indentation: string, key: string): boolean {
  return indentationOf(text) === indentation && new RegExp(`^\\s*(${key}|"${key}"|'${key}')\\s*:`).test(text);
}

function bracketBalance(text: string): number {
  let balance = 0;
  for (const char of text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "")) {
    if (char === "(" || char === "[" || char === "{") balance += 1;
    if (char === ")" || char === "]" || char === "}") balance -= 1;
  }
  return balance;
}

function indentationOf(line: string): string {
  return /^\s*/.exec(line)?.[0] ?? "";
}
