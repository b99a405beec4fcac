// create-layered-service on a terminal: it asks for what the flags left open, re-asks after a bad
// answer, and a cancelled prompt writes nothing.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDirectories } from "../support/scratch.js";
import { hasScript, keys, onTerminal } from "../support/terminal.js";
import { cliEnvironment, cliPath } from "./run-cli.js";

const scratch = scratchDirectories("cls-terminal-");

const manifestOf = (projectDir: string) =>
  JSON.parse(readFileSync(path.join(projectDir, "layered-service.json"), "utf8")) as { project: { name: string; db: string } };

describe.skipIf(!hasScript)("create-layered-service on a terminal", () => {
  it("asks for the directory, database, package manager, install and git, and uses the answers", async () => {
    const cwd = scratch();
    mkdirSync(path.join(cwd, "taken"));
    writeFileSync(path.join(cwd, "taken", "keep.txt"), "mine\n");
    const session = onTerminal(process.execPath, [cliPath], { cwd, env: cliEnvironment() });

    await session.waitFor("Where should the project go?");
    session.type(`taken${keys.enter}`);
    await session.waitFor(/taken.* is not empty/);
    // Clear the bad answer, then give a good one.
    session.type(`\u007f`.repeat("taken".length) + `shop${keys.enter}`);
    await session.waitFor("Which database?");
    session.type(keys.down + keys.enter);
    await session.waitFor("Which package manager?");
    session.type(keys.enter);
    await session.waitFor("Install dependencies?");
    session.type(keys.right + keys.enter);
    await session.waitFor("Initialize a git repository?");
    session.type(keys.right + keys.enter);

    expect(await session.exited, session.screen()).toBe(0);
    const projectDir = path.join(cwd, "shop");
    expect(manifestOf(projectDir).project).toEqual({ name: "shop", db: "postgres" });
    expect(readFileSync(path.join(projectDir, "README.md"), "utf8")).toContain("npm install && npm run dev");
    expect(existsSync(path.join(projectDir, ".git"))).toBe(false);
    expect(existsSync(path.join(projectDir, "node_modules"))).toBe(false);
    expect(readFileSync(path.join(cwd, "taken", "keep.txt"), "utf8")).toBe("mine\n");
    expect(session.screen()).toMatch(/cd shop/);
  }, 60_000);

  it("asks only for the directory with --yes, and takes the defaults for the rest", async () => {
    const cwd = scratch();
    const session = onTerminal(process.execPath, [cliPath, "--yes", "--no-install", "--no-git"], {
      cwd,
      env: cliEnvironment(),
    });

    await session.waitFor("Where should the project go?");
    session.type(`api${keys.enter}`);

    expect(await session.exited, session.screen()).toBe(0);
    expect(manifestOf(path.join(cwd, "api")).project).toEqual({ name: "api", db: "pglite" });
    expect(session.screen()).not.toContain("Which database?");
  }, 60_000);

  it("writes nothing when a prompt is cancelled", async () => {
    const cwd = scratch();
    const session = onTerminal(process.execPath, [cliPath, "shop"], { cwd, env: cliEnvironment() });

    await session.waitFor("Which database?");
    session.type(keys.ctrlC);

    expect(await session.exited).toBe(1);
    expect(session.screen()).toContain("create-layered-service: cancelled; nothing was written");
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);
});
