/**
 * `prisma format` in this process, for tests that format many schemas: the formatter and validator
 * of `@prisma/prisma-schema-wasm`, whose WebAssembly is byte for byte the one the installed Prisma
 * CLI bundles (a test checks it), called with the options the CLI passes. It takes milliseconds
 * where spawning the CLI (prisma-format.ts) takes seconds.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

interface SchemaWasm {
  format(schemas: string, params: string): string;
  validate(params: string): void;
}

let loaded: SchemaWasm | undefined;

export function prismaFormatInProcess(schema: string): string {
  loaded ??= require("@prisma/prisma-schema-wasm") as SchemaWasm;
  const params = { textDocument: { uri: "file:/dev/null" }, options: { tabSize: 2, insertSpaces: true } };
  const [file] = JSON.parse(loaded.format(JSON.stringify([["schema.prisma", schema]]), JSON.stringify(params))) as [string, string][];
  const formatted = file?.[1] ?? "";
  // The CLI refuses an invalid schema; so does this.
  loaded.validate(JSON.stringify({ prismaSchema: [["schema.prisma", formatted]], noColor: true }));
  return formatted;
}

/** The two WebAssembly files this formatter and the CLI's `prisma format` run. */
export function formatterWasmFiles(): { package: Buffer; cli: Buffer } {
  const packageDir = path.dirname(require.resolve("@prisma/prisma-schema-wasm/package.json"));
  const cliDir = path.dirname(require.resolve("prisma/package.json"));
  return {
    package: readFileSync(path.join(packageDir, "src", "prisma_schema_build_bg.wasm")),
    cli: readFileSync(path.join(cliDir, "build", "prisma_schema_build_bg.wasm")),
  };
}
