// The production install of a fresh pglite project: `npm ci --omit=dev` from the registry, as its
// Dockerfile runs it, then the size of node_modules (as `du` counts it) and its largest packages.
// For comparison, the same install without the project's .npmrc, that is with npm's default of
// installing the peers that runtime packages name. Needs the npm registry; takes some seconds.
import { spawnSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function runSync(command, args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("npm_")));
  env.PATH = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

/** Bytes on disk under `target`, in 512-byte blocks as `du` counts them. */
function diskUsage(target) {
  const stat = lstatSync(target);
  if (!stat.isDirectory()) return stat.blocks * 512;
  return readdirSync(target).reduce((sum, name) => sum + diskUsage(path.join(target, name)), stat.blocks * 512);
}

/** Each top-level package of `nodeModules` (`@scope/name` for scoped ones) with its size, largest first. */
function packageSizes(nodeModules) {
  const sizes = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith(".")) continue;
    const names = name.startsWith("@") ? readdirSync(path.join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name];
    for (const packageName of names) sizes.push({ name: packageName, bytes: diskUsage(path.join(nodeModules, packageName)) });
  }
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

/** Installs `projectDir`'s production dependencies in a directory of their own; returns its node_modules. */
function installForProduction(projectDir, dir, { withNpmrc }) {
  mkdirSync(dir);
  const manifest = JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8"));
  // The generator, a development dependency, may not be on the registry at this repository's version.
  delete manifest.devDependencies["create-layered-service"];
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  if (withNpmrc) copyFileSync(path.join(projectDir, ".npmrc"), path.join(dir, ".npmrc"));
  const quiet = ["--no-audit", "--no-fund", "--prefer-offline"];
  runSync("npm", ["install", "--package-lock-only", "--ignore-scripts", ...quiet], dir);
  runSync("npm", ["ci", "--omit=dev", ...quiet], dir);
  return path.join(dir, "node_modules");
}

function report(label, nodeModules) {
  const sizes = packageSizes(nodeModules);
  console.log(`${label}: ${mib(diskUsage(nodeModules))} in ${sizes.length} top-level packages`);
  console.log(`  largest: ${sizes.slice(0, 5).map(({ name, bytes }) => `${name} ${mib(bytes)}`).join(", ")}`);
}

export function benchProductionInstall() {
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-install-"));
  try {
    runSync(process.execPath, [path.join(root, "generators/dist/cli.js"), "x", "--yes", "--no-install", "--no-git"], scratch);
    const projectDir = path.join(scratch, "x");
    report(
      "production node_modules of a fresh pglite project (npm ci --omit=dev)",
      installForProduction(projectDir, path.join(scratch, "lean"), { withNpmrc: true }),
    );
    report(
      "the same without the project's .npmrc (npm installs the peers that runtime packages name)",
      installForProduction(projectDir, path.join(scratch, "default"), { withNpmrc: false }),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) benchProductionInstall();
