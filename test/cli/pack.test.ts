/**
 * The package as npm publishes it: packed, installed from the tarball, and run through its bin.
 * Catches what a checkout hides: files left out of the tarball (npm drops .gitignore files, for
 * one), dependencies missing from package.json, a bin that does not start. Takes some seconds.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliEnvironment, listFiles, repoRoot, runCli, scratchDir } from "./run-cli.js";

const scratch = scratchDir("cls-pack-");
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** This process's environment for npm, without what npm passed down to the test run itself. */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env = cliEnvironment({ PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter) });
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^npm_(package_|lifecycle_|config_(local_prefix|global_prefix|prefix)$)/.test(key)),
  );
}

function npm(args: string[], cwd: string): string {
  const result = spawnSync("npm", args, { cwd, env: npmEnvironment(), encoding: "utf8", timeout: 240_000 });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(" ")} failed (${String(result.status ?? result.signal)}):\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

describe("the packed package", () => {
  it(
    "installs from its tarball and creates the same complete project as the checkout (slow: npm pack and install)",
    async () => {
      // generators/dist is fresh: the test run's global setup built it.
      const packed = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], repoRoot)) as {
        filename: string;
      }[];
      const tarball = path.join(scratch, packed[0]?.filename ?? "");
      const prefix = path.join(scratch, "prefix");
      npm(["install", "--prefix", prefix, tarball, "--no-audit", "--no-fund", "--prefer-offline"], scratch);

      const usersDir = path.join(scratch, "users");
      const checkoutDir = path.join(scratch, "checkout");
      mkdirSync(usersDir);
      mkdirSync(checkoutDir);
      const installed = await runCli(["x", "--yes", "--no-install", "--no-git"], {
        cwd: usersDir,
        env: npmEnvironment(),
        command: path.join(prefix, "node_modules", ".bin", "create-layered-service"),
      });
      const fromCheckout = await runCli(["x", "--yes", "--no-install", "--no-git"], { cwd: checkoutDir });

      expect(installed.stderr).toBe("");
      expect(installed.exitCode).toBe(0);
      expect(fromCheckout.exitCode).toBe(0);
      const files = listFiles(path.join(usersDir, "x"));
      expect(files).toEqual(listFiles(path.join(checkoutDir, "x")));
      expect(files).toEqual(expect.arrayContaining([".gitignore", "package.json", "layered-service.json"]));
      for (const file of files) {
        expect(readFileSync(path.join(usersDir, "x", file), "utf8"), file).toBe(
          readFileSync(path.join(checkoutDir, "x", file), "utf8"),
        );
      }
      expect(readdirSync(usersDir)).toEqual(["x"]);
    },
    300_000,
  );
});
