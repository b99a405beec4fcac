/**
 * What went into a generated project's production build, and what must stay out of it: the code
 * that only its tests run. The build is an esbuild bundle, so its file names say nothing about its
 * contents; its source maps list every source file bundled.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

/** Tests, builders, repository contract suites, in-memory repositories, the tables they share and their factory, and test/. */
const testOnlySource = /(\.test|\.builder|\.contract|\.repository\.memory|(^|\/)memory-(database|repository))\.ts$|^test\//;
/** Names that only test-only code defines; the bundle keeps names, so none may appear in it. */
const testOnlyNames = ["fixedClock", "createMemoryDatabase", "createMemoryRepository"];

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Every source file bundled into `distDir`, relative to the project (its parent directory), from
 * the bundle's source maps: `src/app.ts`, `node_modules/fastify/fastify.js`, ...
 */
export async function bundledSources(distDir: string): Promise<string[]> {
  const projectDir = path.dirname(distDir);
  const maps = (await filesUnder(distDir)).filter((file) => file.endsWith(".js.map"));
  if (maps.length === 0) throw new Error(`${distDir} holds no source map: cannot tell what the bundle holds`);
  const sources = new Set<string>();
  for (const map of maps) {
    const { sources: listed, sourceRoot = "" } = JSON.parse(await readFile(map, "utf8")) as { sources: string[]; sourceRoot?: string };
    for (const source of listed) {
      sources.add(path.relative(projectDir, path.resolve(path.dirname(map), sourceRoot, source)).split(path.sep).join("/"));
    }
  }
  return [...sources].sort();
}

/** What in `distDir` comes from test-only code: bundled test-only sources, and files that name test-only code; none in a clean build. */
export async function testOnlyCodeIn(distDir: string): Promise<string[]> {
  const found = (await bundledSources(distDir)).filter((source) => testOnlySource.test(source));
  for (const file of (await filesUnder(distDir)).filter((candidate) => candidate.endsWith(".js"))) {
    const text = await readFile(file, "utf8");
    const names = testOnlyNames.filter((name) => text.includes(name));
    if (names.length > 0) found.push(`${path.relative(distDir, file)} names ${names.join(", ")}`);
  }
  return found;
}
