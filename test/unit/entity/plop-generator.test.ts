// The `entity` generator as plop runs it, through node-plop's API on a scratch project: answers
// bypass the prompts (nothing is asked without a terminal), bad input rejects before any action
// runs, and a dry run writes nothing.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nodePlop from "node-plop";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerGenerators } from "../../../generators/src/plop.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { renderProject } from "../../../generators/src/project/render.js";

let scratch: string;
let project: string;

beforeEach(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "cls-plop-"));
  project = path.join(scratch, "shop");
  await renderProject(normalize({ directory: "shop" }, { cwd: scratch, userAgent: undefined }).viewModel, project);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(scratch, { recursive: true, force: true });
});

async function entityGenerator() {
  const plop = await nodePlop(undefined, { destBasePath: project, force: false });
  registerGenerators(plop);
  return plop.getGenerator("entity");
}

function files(): string[] {
  return readdirSync(project, { recursive: true }).map(String).sort();
}

describe("the entity generator", () => {
  it("takes the name and the fields from the command line and the options after --", async () => {
    const generator = await entityGenerator();
    const answers: unknown = await generator.runPrompts(["Person", "name:string", "people", "_", "true"]);
    expect(answers).toMatchObject({ name: "Person", fields: "name:string", plural: "people", "dry-run": true });
  });

  it("rejects bad input before any action runs, with the one-line message", async () => {
    const generator = await entityGenerator();
    const before = files();
    await expect(generator.runActions({ name: "Widget", fields: "size:huge" })).rejects.toThrow(
      /^Unknown field type "huge" in "size:huge"\. Known types: /,
    );
    expect(files()).toEqual(before);
  });

  it("prints a dry run on stdout and writes nothing", async () => {
    const generator = await entityGenerator();
    const before = files();
    const stdout = vi.spyOn(process.stdout, "write").mockReturnValue(true);
    const result = await generator.runActions({ name: "Product", fields: "name:string", dryRun: true });
    expect(result.failures).toEqual([]);
    expect(String(stdout.mock.calls[0]?.[0])).toContain("create src/modules/product/product.ts");
    expect(files()).toEqual(before);
    expect(readFileSync(path.join(project, "src/app-router.ts"), "utf8")).not.toContain("productRouter");
  });
});
