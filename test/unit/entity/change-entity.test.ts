// Changing an entity's fields with `plop entity <Name> "<fields>" -- --force`, on a scratch project
// rendered from the project template: the plan writes the migration, the schema, the module's files
// and a change record; the user's edits to the module survive through a three-way merge; overlapping
// edits become conflict markers; unsafe or empty changes and dropped data without permission are
// refused before anything is written; a dry run shows the merged result and writes nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { carryOut, planFromAnswers } from "../../../generators/src/entity/add-entity.js";
import { finishChange } from "../../../generators/src/entity/change/finish-change.js";
import { conflictMarkers } from "../../../generators/src/shared/merge.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { renderProject } from "../../../generators/src/project/render.js";
import { formatFilesInPlace } from "../../../generators/src/shared/format.js";
import { isOutsideGeneratedFiles, replayProject } from "../../../generators/src/reference/replay.js";
import { refusal } from "../../support/refusal.js";

const now = new Date("2026-01-02T03:04:05.000Z");
const later = new Date("2026-01-03T03:04:05.000Z");
let scratch: string;
let project: string;

beforeEach(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "cls-change-"));
  project = path.join(scratch, "shop");
  // Formatted as create-layered-service writes it, so that a replay of the manifest gives the same files.
  await formatFilesInPlace(project, await renderProject(normalize({ directory: "shop" }, { cwd: scratch, userAgent: undefined }).viewModel, project));
  await run({ name: "Customer", fields: "name:string email:string:unique" }, now);
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function run(answers: Record<string, unknown>, at = later): Promise<string> {
  return carryOut(project, planFromAnswers(project, answers, at), { generate: false });
}

function change(fields: string, extra: Record<string, unknown> = {}) {
  return run({ name: "Customer", fields, force: true, ...extra });
}

const read = (file: string) => readFileSync(path.join(project, file), "utf8");
const write = (file: string, text: string) => {
  writeFileSync(path.join(project, file), text);
};
const edit = (file: string, from: string, to: string) => {
  const text = read(file);
  expect(text).toContain(from);
  write(file, text.replace(from, to));
};

function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(project, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(project, path.join(entry.parentPath, entry.name))] = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

const service = "src/modules/customer/customer.service.ts";
const domainTest = "src/modules/customer/customer.test.ts";
const prismaRepository = "src/modules/customer/customer.repository.prisma.ts";
const domain = "src/modules/customer/customer.ts";

const handAddedMethod = `
    async rename(id: string, version: number, name: string): Promise<Customer> {
      return customerRepository.update(id, version, { name }, clock.now());
    },
`;
const handAddedTest = `
  it("keeps a name with spaces", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), name: "Ada Lovelace" }).success).toBe(true);
  });
`;

describe("changing an entity's fields", () => {
  it("writes the change migration, the schema, the module's files and a change record", async () => {
    const planned = planFromAnswers(project, { name: "customer", fields: "name:string email:string:unique nickname:string?", force: true }, later);
    if (planned.kind !== "change") throw new Error("expected a change");
    const plan = await finishChange(project, planned);
    expect(plan.changes.map((file) => file.path)).toEqual([
      "prisma/schema.prisma",
      "prisma/migrations/20260103030405_change_customer/migration.sql",
      "src/modules/customer/customer.builder.ts",
      "src/modules/customer/customer.repository.memory.ts",
      "src/modules/customer/customer.test.ts",
      "src/modules/customer/customer.ts",
      "layered-service.json",
    ]);
    await carryOut(project, planned, { generate: false });
    const manifest = JSON.parse(read("layered-service.json")) as { entities: unknown[] };
    expect(manifest.entities.at(-1)).toEqual({
      action: "change",
      name: "Customer",
      fields: "name:string email:string:unique nickname:string?",
      migration: "20260103030405_change_customer",
    });
    expect(read(domain)).toContain("nickname: z.string().min(1).max(255).nullable(),");
    expect(read("prisma/schema.prisma")).toMatch(/^\s+nickname\s+String\?\s+@db\.VarChar\(255\)$/m);
  });

  it("keeps a method added to the service and a test added to the domain's tests", async () => {
    edit(service, "  };\n}\n\nexport type CustomerService", `${handAddedMethod}  };\n}\n\nexport type CustomerService`);
    edit(domainTest, '  it("is valid as the builder makes it"', `${handAddedTest.trimStart()}\n  it("is valid as the builder makes it"`);
    await change("name:string email:string:unique nickname:string?");
    expect(read(service)).toContain(handAddedMethod);
    expect(read(domainTest)).toContain(handAddedTest.trim());
    expect(read(domainTest)).toContain('it("may have no nickname"');
  });

  it("keeps an error message the user changed in a file the change rewrites", async () => {
    edit(prismaRepository, 'translateDeleteError(error, "Customer", id)', 'translateDeleteError(error, "Customer (with orders?)", id)');
    const summary = await change("name:string email:string:unique credit:decimal(10,2)?");
    expect(read(prismaRepository)).toContain('translateDeleteError(error, "Customer (with orders?)", id)');
    expect(read(prismaRepository)).toMatch(/^ {4}credit: \w+\(row\.credit/m);
    expect(summary).toContain(`your edits kept in ${prismaRepository}`);
  });

  it("writes conflict markers where the user and the change edited the same lines, writes the rest, and fails naming the file", async () => {
    edit(domain, "  email: z.string().min(1).max(255),", "  email: z.string().min(3).max(255),");
    await expect(change("name:string email:string? ")).rejects.toThrow(
      `Customer changed (20260103030405_change_customer), with conflicts in ${domain}: resolve the <<<<<<< current / >>>>>>> generated markers`,
    );
    expect(read(domain)).toContain(
      [
        conflictMarkers.current,
        "  email: z.string().min(3).max(255),",
        conflictMarkers.separator,
        "  email: z.string().min(1).max(255).nullable(),",
        conflictMarkers.generated,
      ].join("\n"),
    );
    expect(existsSync(path.join(project, "prisma/migrations/20260103030405_change_customer/migration.sql"))).toBe(true);
    expect(read("layered-service.json")).toContain('"fields": "name:string email:string?"');
  });

  it("leaves alone a file the change does not affect, edits included", async () => {
    edit(service, "  };\n}\n\nexport type CustomerService", `${handAddedMethod}  };\n}\n\nexport type CustomerService`);
    const planned = planFromAnswers(project, { name: "Customer", fields: "name:string email:string:unique nickname:string?", force: true }, later);
    if (planned.kind !== "change") throw new Error("expected a change");
    const plan = await finishChange(project, planned);
    expect(plan.changes.map((file) => file.path)).toContain(domain);
    expect(plan.changes.map((file) => file.path)).not.toContain(service);
  });

  it("leaves deleted a generated file the user deleted, and says so", async () => {
    rmSync(path.join(project, domainTest));
    const summary = await change("name:string email:string:unique nickname:string?");
    expect(existsSync(path.join(project, domainTest))).toBe(false);
    expect(summary).toContain(`left deleted: ${domainTest}`);
  });

  it("gives the same files as replaying the manifest, so the golden test replays the whole history", async () => {
    await change("name:string email:string:unique nickname:string?");
    await run({ name: "Order", fields: "customer:references total:int" });
    await run({ name: "Customer", fields: "name:string nickname:string?", force: true, allowDataLoss: true }, new Date("2026-01-04T00:00:00Z"));
    const replayed = path.join(scratch, "replayed", "shop");
    await replayProject(project, replayed);
    const generated = (dir: string) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .filter((file) => !isOutsideGeneratedFiles(file, []))
        .sort();
    expect(generated(replayed)).toEqual(generated(project));
    for (const file of generated(project)) expect(readFileSync(path.join(replayed, file), "utf8"), file).toBe(read(file));
  });
});

describe("a dry run of a change", () => {
  it("shows the merged result as diffs and the data it would drop, and writes nothing", async () => {
    edit(service, "  };\n}\n\nexport type CustomerService", `${handAddedMethod}  };\n}\n\nexport type CustomerService`);
    edit(domainTest, '  it("is valid as the builder makes it"', `${handAddedTest.trimStart()}\n  it("is valid as the builder makes it"`);
    const before = snapshot();
    const text = await change("name:string nickname:string?", { dryRun: true });
    expect(text.split("\n")[0], text).toBe("Dry run: plop entity Customer would change its fields, writing 9 files (nothing written).");
    expect(text).toContain("create prisma/migrations/20260103030405_change_customer/migration.sql");
    expect(text).toMatch(/^drops data: .*email/m);
    expect(text).toContain(`keeps your edits: ${domainTest}`);
    expect(text).toContain(`+++ b/${domainTest}`);
    expect(text).toMatch(/^- {2}it\("refuses an invalid email"/m);
    expect(text).not.toMatch(/^-.*keeps a name with spaces/m);
    expect(snapshot()).toEqual(before);
  });
});

describe("refusing a change", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["the fields it already has", { fields: "name:string email:string:unique" }, /^Nothing to change: Customer already has the fields "name:string email:string:unique"\.$/],
    ["the same fields in other spacing", { fields: "  name:string   email:string:unique " }, /^Nothing to change: /],
    ["an entity that does not exist", { name: "Custmer", fields: "name:string" }, /^Unknown entity Custmer: --force changes an entity that exists, and layered-service\.json records only Customer; leave out --force to create it\.$/],
    ["another plural", { fields: "name:string", plural: "customerz" }, /^Customer was created with the plural "customers", which cannot change; leave out --plural\.$/],
    ["a malformed field list", { fields: "name:string email:strin" }, /^Unknown field type "strin"/],
    ["a field list that drops data, without permission", { fields: "name:string" }, /email.*\. Add "-- --allow-data-loss" to go ahead \(nothing written\)\.$/],
    ["dropped data the user declined on a terminal", { fields: "name:string", confirmDataLoss: false }, /^Nothing written: dropping the data was not confirmed \(Removing "email" from Customer drops .*\)\.$/],
  ];

  it.each(cases)("refuses %s with one line and writes nothing", (_case, answers, message) => {
    const before = snapshot();
    expect(refusal(() => planFromAnswers(project, { name: "Customer", force: true, ...answers }, later))).toMatch(message);
    expect(snapshot()).toEqual(before);
  });

  it("goes ahead with a change that drops data once allowed, or confirmed on a terminal", () => {
    expect(planFromAnswers(project, { name: "Customer", fields: "name:string", force: true, "allow-data-loss": true }, later).kind).toBe("change");
    expect(planFromAnswers(project, { name: "Customer", fields: "name:string", force: true, confirmDataLoss: true }, later).kind).toBe("change");
  });
});
