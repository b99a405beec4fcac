// `plop destroy <Name>` on a scratch project rendered from the project template: it deletes the
// module's generated files, its registrations, its model and writes the drop migration and a destroy
// record; it keeps files of the module folder that the generator did not write unless --force; it
// is refused while another entity references it, for an unknown entity, and without permission to
// drop the table; a dry run writes nothing; the manifest's history replays to the same files.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { carryOutDestroy, planDestroyFromAnswers } from "../../../generators/src/destroy/destroy-entity.js";
import { carryOut, planFromAnswers } from "../../../generators/src/entity/add-entity.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { renderProject } from "../../../generators/src/project/render.js";
import { formatFilesInPlace } from "../../../generators/src/shared/format.js";
import { isOutsideGeneratedFiles, replayProject } from "../../../generators/src/reference/replay.js";
import { refusal } from "../../support/refusal.js";

const now = new Date("2026-01-02T03:04:05.000Z");
const later = new Date("2026-01-03T03:04:05.000Z");
let scratch: string;
let project: string;
let beforeOrder: Record<string, string>;

beforeEach(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "cls-destroy-"));
  project = path.join(scratch, "shop");
  // Formatted as create-layered-service writes it, so that a replay of the manifest gives the same files.
  await formatFilesInPlace(project, await renderProject(normalize({ directory: "shop" }, { cwd: scratch, userAgent: undefined }).viewModel, project));
  await carryOut(project, planFromAnswers(project, { name: "Customer", fields: "name:string" }, now), { generate: false });
  beforeOrder = snapshot();
  await carryOut(project, planFromAnswers(project, { name: "Order", fields: "customer:references status:enum(NEW,PAID)" }, now), {
    generate: false,
  });
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(project, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(project, path.join(entry.parentPath, entry.name))] = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

const read = (file: string) => readFileSync(path.join(project, file), "utf8");
const destroy = async (answers: Record<string, unknown>) =>
  carryOutDestroy(project, planDestroyFromAnswers(project, { allowDataLoss: true, ...answers }, later), { generate: false });

describe("destroying an entity", () => {
  it("deletes its module, registrations and model, writes the drop migration and records it", async () => {
    const summary = await destroy({ name: "order" });
    expect(summary).toBe("Order destroyed: 12 files deleted, 6 written (20260103030405_drop_order)");
    expect(existsSync(path.join(project, "src/modules/order"))).toBe(false);
    for (const file of ["src/app-router.ts", "src/services.ts", "test/support/conformance.ts"]) {
      expect(read(file), file).toBe(beforeOrder[file]);
    }
    expect(read("prisma/schema.prisma")).not.toContain("model Order");
    expect(existsSync(path.join(project, "prisma/migrations/20260103030405_drop_order/migration.sql"))).toBe(true);
    const manifest = JSON.parse(read("layered-service.json")) as { entities: unknown[] };
    expect(manifest.entities.at(-1)).toEqual({ action: "destroy", name: "Order", migration: "20260103030405_drop_order" });
  });

  it("takes out registrations that Prettier spread over several lines", async () => {
    const registrationFiles = ["src/app-router.ts", "src/services.ts", "test/support/conformance.ts"];
    writeFileSync(path.join(project, ".prettierrc.yaml"), "printWidth: 40\n");
    await formatFilesInPlace(project, registrationFiles);
    const before = Object.fromEntries(registrationFiles.map((file) => [file, read(file)]));
    await carryOut(project, planFromAnswers(project, { name: "LineItem", fields: "quantity:int" }, now), { generate: false });
    expect(read("src/services.ts")).toContain("    lineItem: createLineItemService({\n");
    await destroy({ name: "LineItem" });
    for (const file of registrationFiles) expect(read(file), file).toBe(before[file]);
  });

  it("keeps and lists the files of the module folder that the generator did not write, unless forced", async () => {
    writeFileSync(path.join(project, "src/modules/order/order.events.ts"), "export const placed = 'order.placed';\n");
    const summary = await destroy({ name: "Order" });
    expect(summary).toContain("kept, not generated: src/modules/order/order.events.ts (--force deletes them)");
    expect(readdirSync(path.join(project, "src/modules/order"))).toEqual(["order.events.ts"]);
  });

  it("deletes generated files the user edited, and says so", async () => {
    const service = "src/modules/order/order.service.ts";
    writeFileSync(path.join(project, service), `${read(service)}\nexport const marker = 1;\n`);
    expect(await destroy({ name: "Order" })).toContain(`deleted, edits included: ${service}`);
    expect(existsSync(path.join(project, service))).toBe(false);
  });

  it("deletes the files it did not write too with --force", async () => {
    writeFileSync(path.join(project, "src/modules/order/order.events.ts"), "export const placed = 'order.placed';\n");
    await destroy({ name: "Order", force: true });
    expect(existsSync(path.join(project, "src/modules/order"))).toBe(false);
  });

  it("lets the entity be created again, and replays the history to the same files", async () => {
    await destroy({ name: "Order" });
    await carryOut(project, planFromAnswers(project, { name: "Order", fields: "customer:references total:int" }, new Date("2026-01-04T00:00:00Z")), {
      generate: false,
    });
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

describe("a dry run of destroy", () => {
  it("lists the files it would delete and change, what it drops and which edits it deletes, and writes nothing", async () => {
    const service = "src/modules/order/order.service.ts";
    writeFileSync(path.join(project, service), `${read(service)}\nexport const marker = 1;\n`);
    const before = snapshot();
    const text = await carryOutDestroy(project, planDestroyFromAnswers(project, { name: "Order", dryRun: true }, later));
    expect(text.split("\n")[0]).toBe("Dry run: plop destroy Order would delete 12 files and write 6 (nothing written).");
    expect(text).toContain("delete src/modules/order/order.router.ts");
    expect(text).toContain("create prisma/migrations/20260103030405_drop_order/migration.sql");
    expect(text).toContain("-  order: orderRouter,");
    expect(text).toContain("drops data: Destroying Order drops the table Order and every row in it, and the enum type OrderStatus, for good");
    expect(text).toContain(`deletes your edits: ${service}`);
    expect(snapshot()).toEqual(before);
  });
});

describe("refusing to destroy", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["an entity that others reference", { name: "Customer", allowDataLoss: true }, /^Cannot destroy Customer: Order references it. Remove the references to Customer from Order first.$/],
    ["an unknown entity", { name: "Invoice", allowDataLoss: true }, /^Unknown entity Invoice: layered-service\.json records only Customer, Order\.$/],
    ["without permission to drop the table", { name: "Order" }, /^Destroying Order drops the table Order and every row in it, and the enum type OrderStatus, for good\. Add "-- --allow-data-loss" to go ahead \(nothing written\)\.$/],
    ["when the user declined on a terminal", { name: "Order", confirmDataLoss: false }, /^Nothing written: dropping the data was not confirmed \(Destroying Order drops the table Order and every row in it, and the enum type OrderStatus, for good\)\.$/],
    ["without a name", {}, /^Missing entity name\. Usage: npx plop destroy <Name>/],
  ];

  it.each(cases)("refuses %s with one line and writes nothing", (_case, answers, message) => {
    const before = snapshot();
    expect(refusal(() => planDestroyFromAnswers(project, answers, later))).toMatch(message);
    expect(snapshot()).toEqual(before);
  });
});
