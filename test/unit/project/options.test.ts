import { describe, expect, it } from "vitest";
import { parseOptions } from "../../../generators/src/project/options.js";

const argv = (...args: string[]): string[] => ["node", "create-layered-service", ...args];

describe("parseOptions", () => {
  it("leaves every answer the user did not give undefined, for the prompts to ask", () => {
    expect(parseOptions(argv())).toEqual({
      directory: undefined,
      yes: false,
      db: undefined,
      packageManager: undefined,
      install: undefined,
      git: undefined,
      dryRun: false,
      force: false,
      json: false,
    });
  });

  it("reads every flag", () => {
    expect(
      parseOptions(
        argv("api", "-y", "--db", "postgres", "--package-manager", "pnpm", "--no-install", "--no-git", "--dry-run", "--force", "--json"),
      ),
    ).toEqual({
      directory: "api",
      yes: true,
      db: "postgres",
      packageManager: "pnpm",
      install: false,
      git: false,
      dryRun: true,
      force: true,
      json: true,
    });
  });

  it("suggests the flag meant by a misspelt one, on the same line", () => {
    expect(() => parseOptions(argv("api", "--forc"))).toThrow(/unknown option '--forc'\s+\(Did you mean --force\?\)/);
  });
});
