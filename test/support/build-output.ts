/** What a generated project's production build must leave out: the code that only its tests run. */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

/** Tests, builders, repository contract suites, in-memory repositories, the tables they share and their factory. */
const testOnlyFile = /(\.test|\.builder|\.contract|\.repository\.memory|(^|\/)memory-(database|repository))\.js(\.map)?$/;
/** Test helpers that live in test/, never in src/. */
const testOnlyNames = ["fixedClock"];

/** The files under `distDir` that hold test-only code, by path relative to it; none in a clean build. */
export async function testOnlyCodeIn(distDir: string): Promise<string[]> {
  const files = (await readdir(distDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(distDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  const found = files.filter((file) => testOnlyFile.test(file));
  for (const file of files.filter((candidate) => candidate.endsWith(".js") && !testOnlyFile.test(candidate))) {
    const text = await readFile(path.join(distDir, file), "utf8");
    if (testOnlyNames.some((name) => text.includes(name))) found.push(file);
  }
  return found;
}
