// The production build: esbuild bundles the service into dist/, after `tsc -p tsconfig.build.json`
// has type-checked it (see the `build` script). Two entry points: the service (dist/main.js) and
// the migration command (dist/platform/db/migrate-cli.js). Code splitting keeps main.js a few lines
// that turn on Node's compile cache before the rest of the service, a chunk of its own, loads.
// Why a bundle, and what stays out of it: docs/adr/0007-bundle-the-production-build.md.
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

await rm(path.join(import.meta.dirname, "dist"), { recursive: true, force: true });
await build({
  absWorkingDir: import.meta.dirname,
  entryPoints: { main: "src/main.ts", "platform/db/migrate-cli": "src/platform/db/migrate-cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22.12",
  // Packages that find files beside their own modules stay in node_modules: PGlite its WebAssembly
  // and data files, pino the worker that runs a log transport (pino-pretty in development).
  external: ["@electric-sql/pglite", "pino"],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
  },
  // With NODE_OPTIONS=--enable-source-maps, stack traces name src/ files and lines.
  sourcemap: true,
  sourcesContent: false,
  logLevel: "warning",
});
