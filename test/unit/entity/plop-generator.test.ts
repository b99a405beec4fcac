// The `entity` and `destroy` generators as plop runs them, through node-plop's API on a scratch
// project: answers bypass the prompts (nothing is asked without a terminal), bad input and dropped
// data without --allow-data-loss reject before any action runs, a dry run writes nothing, and a
// change whose merge conflicts writes its markers and fails.
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import nodePlop from "node-plop";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { carryOut, planFromAnswers } from "../../../generators/src/entity/add-entity.js";
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

async function generator(name: "entity" | "destroy" = "entity") {
  const plop = await nodePlop(undefined, { destBasePath: project, force: false });
  registerGenerators(plop);
  return plop.getGenerator(name);
}

const entityGenerator = () => generator("entity");
const root = path.resolve(import.meta.dirname, "..", "..", "..");

/** Customer and Order, written without plop, and this repository's dependencies for `prisma generate`. */
async function withEntities(): Promise<void> {
  symlinkSync(path.join(root, "node_modules"), path.join(project, "node_modules"), "dir");
  const now = new Date("2026-01-02T03:04:05.000Z");
  for (const [name, fields] of [
    ["Customer", "name:string email:string"],
    ["Order", "customer:references total:int"],
  ] as const) {
    await carryOut(project, planFromAnswers(project, { name, fields }, now), { generate: false });
  }
}

const read = (file: string) => readFileSync(path.join(project, file), "utf8");

/** The project's files, without the dependencies some tests link in. */
function files(dir = project): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== "node_modules")
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      return entry.isDirectory() ? [path.relative(project, file), ...files(file)] : [path.relative(project, file)];
    })
    .sort();
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

describe("the entity generator with --force", () => {
  it("changes the fields of an existing entity and records the change", async () => {
    await withEntities();
    const result = await (await entityGenerator()).runActions({ name: "Customer", fields: "name:string email:string phone:string?", force: true });
    expect(result.failures).toEqual([]);
    expect(String(result.changes[0]?.path)).toMatch(/^Customer changed: \d+ files written \(\d{14}_change_customer\)$/);
    expect(read("src/modules/customer/customer.ts")).toContain("phone:");
    expect(read("layered-service.json")).toContain('"action": "change"');
  }, 60_000);

  it("rejects a change that drops data without --allow-data-loss before any action runs", async () => {
    await withEntities();
    const before = files();
    await expect((await entityGenerator()).runActions({ name: "Customer", fields: "name:string", force: true })).rejects.toThrow(
      /Add "-- --allow-data-loss" to go ahead \(nothing written\)\.$/,
    );
    expect(files()).toEqual(before);
  });

  it("takes --allow-data-loss after --", async () => {
    await withEntities();
    const answers: unknown = await (await entityGenerator()).runPrompts(["Customer", "name:string", "_", "_", "_", "true", "_", "true"]);
    expect(answers).toMatchObject({ name: "Customer", force: true, "allow-data-loss": true });
  });

  it("prints a dry run of a change on stdout and writes nothing", async () => {
    await withEntities();
    const before = files();
    const stdout = vi.spyOn(process.stdout, "write").mockReturnValue(true);
    const result = await (await entityGenerator()).runActions({ name: "Customer", fields: "name:string", force: true, dryRun: true });
    expect(result.failures).toEqual([]);
    expect(String(stdout.mock.calls[0]?.[0])).toMatch(/^Dry run: plop entity Customer would change its fields/);
    expect(files()).toEqual(before);
  });

  it("writes conflict markers and fails with the conflicted file when the merge conflicts", async () => {
    await withEntities();
    const domain = "src/modules/customer/customer.ts";
    writeFileSync(path.join(project, domain), read(domain).replace("  email: z.string().min(1).max(255),", "  email: z.string().min(5).max(255),"));
    const result = await (await entityGenerator()).runActions({ name: "Customer", fields: "name:string email:string?", force: true });
    expect(result.failures).toHaveLength(1);
    expect(String(result.failures[0]?.error)).toContain(`with conflicts in ${domain}`);
    expect(read(domain)).toContain("<<<<<<< current\n  email: z.string().min(5).max(255),\n=======\n");
  }, 60_000);
});

describe("the destroy generator", () => {
  it("takes the name from the command line and the options after --", async () => {
    await withEntities();
    const answers: unknown = await (await generator("destroy")).runPrompts(["Order", "_", "true", "true", "_", "true"]);
    expect(answers).toMatchObject({ name: "Order", "dry-run": true, force: true, "allow-data-loss": true });
  });

  it("destroys an entity with --allow-data-loss", async () => {
    await withEntities();
    const result = await (await generator("destroy")).runActions({ name: "Order", "allow-data-loss": true });
    expect(result.failures, JSON.stringify(result.failures)).toEqual([]);
    expect(String(result.changes[0]?.path)).toMatch(/^Order destroyed: 12 files deleted, 6 written \(\d{14}_drop_order\)$/);
    expect(existsSync(path.join(project, "src/modules/order"))).toBe(false);
  }, 60_000);

  it("rejects an entity that another references, or without --allow-data-loss, before any action runs", async () => {
    await withEntities();
    const before = files();
    await expect((await generator("destroy")).runActions({ name: "Customer", "allow-data-loss": true })).rejects.toThrow(
      /^Cannot destroy Customer: Order references it\./,
    );
    await expect((await generator("destroy")).runActions({ name: "Order" })).rejects.toThrow(/Add "-- --allow-data-loss"/);
    expect(files()).toEqual(before);
  });

  it("prints a dry run on stdout and writes nothing", async () => {
    await withEntities();
    const before = files();
    const stdout = vi.spyOn(process.stdout, "write").mockReturnValue(true);
    const result = await (await generator("destroy")).runActions({ name: "Order", "dry-run": true });
    expect(result.failures).toEqual([]);
    expect(String(stdout.mock.calls[0]?.[0])).toMatch(/^Dry run: plop destroy Order would delete 12 files and write 6/);
    expect(files()).toEqual(before);
  });
});
