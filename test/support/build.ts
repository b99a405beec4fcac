/**
 * vitest global setup: compiles generators/src to generators/dist once per run, so that the CLI
 * tests spawn the binary users get, built from the code under test.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export default function build(): void {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "generators", "tsconfig.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`Building generators/ failed:\n${result.stdout}${result.stderr}`);
  }
}
