// The production build: esbuild bundles the service into dist/, after `tsc -p tsconfig.build.json`
// has type-checked it (see the `build` script). Two entry points: the service (dist/main.js) and
// the migration command (dist/platform/db/migrate-cli.js). Code splitting keeps main.js a few lines
// that turn on Node's compile cache before the rest of the service, a chunk of its own, loads.
// Why a bundle, what stays out of it, and what the build does for a fast start:
// docs/adr/0007-bundle-the-production-build.md.
import { Buffer } from "node:buffer";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "acorn";
import { build } from "esbuild";

// Node's built-in modules are loaded with require(), not import. Importing one from an ES module
// makes Node build a module namespace of all its exports, which reads every lazy getter: for
// node:http (imported by @trpc/server) that loads undici, the fetch implementation, and its web
// streams, about 40 ms at start on a 2-core machine, for classes nothing here uses. require()
// returns the exports object untouched, and a getter runs only when the service reads it.
const builtinsThroughRequire = {
  name: "builtins-through-require",
  setup(build) {
    build.onResolve({ filter: /^[\w:/]+$/ }, ({ path: specifier, kind }) =>
      kind === "import-statement" && isBuiltin(specifier) ? { path: specifier, namespace: "node-builtin" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "node-builtin" }, ({ path: specifier }) => ({
      contents: `module.exports = require(${JSON.stringify(specifier)});`,
      loader: "js",
    }));
  },
};

/**
 * Node's compile cache (src/main.ts) keeps what V8 compiled when a file loaded: its top-level code,
 * not the functions V8 compiles later, on their first call. esbuild wraps every bundled CommonJS
 * module in such a function (`__commonJS({ "path"(exports, module) { ... } })`, and `__esm` the ES
 * modules that load on demand), and nearly all of them run at start. Written as parenthesized
 * function expressions, V8 compiles them with the file, so the cache holds them too: about 20 ms
 * less at start on a 2-core machine. Only these wrappers change, each on the line it starts and the
 * line it ends, so the source maps still hold.
 */
function compiledWithTheFile(code) {
  const edits = [];
  for (const statement of parse(code, { ecmaVersion: "latest", sourceType: "module" }).body) {
    if (statement.type !== "VariableDeclaration") continue;
    for (const { init } of statement.declarations) {
      if (init?.type !== "CallExpression" || !["__commonJS", "__esm"].includes(init.callee.name)) continue;
      for (const property of init.arguments[0]?.properties ?? []) {
        if (property.type !== "Property" || !property.method || property.value.generator) continue;
        const { key, value } = property;
        // `"path"(exports, module) {...}` becomes `"path": (function(exports, module) {...})`.
        if (value.async) edits.push({ at: property.start, remove: key.start - property.start, text: "" });
        edits.push({ at: key.end, remove: 0, text: value.async ? ": (async function" : ": (function" });
        edits.push({ at: value.end, remove: 0, text: ")" });
      }
    }
  }
  edits.sort((a, b) => b.at - a.at);
  let result = code;
  for (const { at, remove, text } of edits) result = result.slice(0, at) + text + result.slice(at + remove);
  return result;
}

/**
 * Prisma's query compiler is WebAssembly that the generated client imports as a JavaScript module
 * holding it in base64: 2.3 MB of source that V8 reads, hashes and parses at every start, about
 * 15 ms on a 2-core machine. The bundle instead keeps the bytes in a .wasm file beside the chunk
 * that loads them, and that module reads the file; the client still receives what it asked for.
 */
const queryCompilerFromFile = {
  name: "query-compiler-from-file",
  setup(build) {
    build.onLoad({ filter: /[\\/]query_compiler_[\w.]+\.wasm-base64\.mjs$/ }, async ({ path: file }) => {
      const { wasm } = await import(pathToFileURL(file).href);
      const name = path.basename(file).replace(/\.wasm-base64\.mjs$/, ".wasm");
      wasmFiles.set(name, Buffer.from(wasm, "base64"));
      return {
        contents: [
          'import { readFileSync } from "node:fs";',
          `export const wasm = readFileSync(new URL("./${name}", import.meta.url)).toString("base64");`,
        ].join("\n"),
        loader: "js",
      };
    });
  },
};
const wasmFiles = new Map();

const outdir = path.join(import.meta.dirname, "dist");
await rm(outdir, { recursive: true, force: true });
const { outputFiles } = await build({
  absWorkingDir: import.meta.dirname,
  entryPoints: { main: "src/main.ts", "platform/db/migrate-cli": "src/platform/db/migrate-cli.ts" },
  outdir,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22.12",
  // PGlite finds its WebAssembly and data files beside its own modules: it stays in node_modules.
  external: ["@electric-sql/pglite"],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
  },
  // With NODE_OPTIONS=--enable-source-maps, stack traces name src/ files and lines.
  sourcemap: true,
  sourcesContent: false,
  // Less source to read, hash and scan at start (about 20 ms); names stay, so stack traces and
  // logged class names read as in src/.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [builtinsThroughRequire, queryCompilerFromFile],
  write: false,
  logLevel: "warning",
});
for (const file of outputFiles) {
  await mkdir(path.dirname(file.path), { recursive: true });
  await writeFile(file.path, file.path.endsWith(".js") ? compiledWithTheFile(file.text) : file.contents);
}
// Each beside the file whose code reads it.
for (const [name, bytes] of wasmFiles) {
  const readers = outputFiles.filter((file) => file.path.endsWith(".js") && file.text.includes(`"./${name}"`));
  for (const reader of readers) await writeFile(path.join(path.dirname(reader.path), name), bytes);
}
