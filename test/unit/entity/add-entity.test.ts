// The steps of `plop entity`, run on a scratch project rendered from the project template: the plan
// is complete and writes nothing, registration is idempotent however Prettier lays it out, what is
// written is formatted with the project's Prettier configuration, bad input is refused before anything
// is written, a failed write rolls back, and a dry run describes without writing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as prettier from "prettier";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { carryOut, planFromAnswers } from "../../../generators/src/entity/add-entity.js";
import { normalizeAnswers } from "../../../generators/src/entity/answers.js";
import { applyChanges } from "../../../generators/src/entity/apply.js";
import { describePlan, unifiedDiff } from "../../../generators/src/entity/dry-run.js";
import { formatPlan } from "../../../generators/src/entity/format-plan.js";
import { entityNames } from "../../../generators/src/entity/naming.js";
import { planEntity } from "../../../generators/src/entity/plan.js";
import {
  entryInsertion,
  insertAtMarker,
  registerConformance,
  registerRouter,
  registerService,
} from "../../../generators/src/entity/register.js";
import { isGeneratorError } from "../../../generators/src/errors.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { renderProject } from "../../../generators/src/project/render.js";
import { userOwnedFiles } from "../../../generators/src/project/user-owned-files.js";
import { formatFilesInPlace, formatSources } from "../../../generators/src/shared/format.js";

const now = new Date("2026-01-02T03:04:05.000Z");
let scratch: string;
let project: string;

beforeEach(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "cls-entity-"));
  project = path.join(scratch, "shop");
  // As create-layered-service writes it: rendered, then formatted.
  await formatFilesInPlace(project, await renderProject(normalize({ directory: "shop" }, { cwd: scratch, userAgent: undefined }).viewModel, project));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Every file of the project with its content, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = readFileSync(file, "utf8");
  }
  return files;
}

async function add(name: string, fields: string, extra: Record<string, unknown> = {}): Promise<void> {
  const plan = planFromAnswers(project, { name, fields, ...extra }, now);
  await carryOut(project, plan, { generate: false });
}

describe("planning an entity", () => {
  it("lists the module, the model, the migration, the registrations and the manifest, and writes nothing", () => {
    const before = snapshot(project);
    const plan = planEntity(project, normalizeAnswers({ name: "Product", fields: "name:string:unique price:decimal(12,2)" }), { now });
    expect(plan.changes.map((change) => [change.path, change.before === undefined ? "create" : "change"])).toEqual([
      ["src/modules/product/product.builder.ts", "create"],
      ["src/modules/product/product.repository.contract.ts", "create"],
      ["src/modules/product/product.repository.memory.ts", "create"],
      ["src/modules/product/product.repository.prisma.ts", "create"],
      ["src/modules/product/product.repository.test.ts", "create"],
      ["src/modules/product/product.repository.ts", "create"],
      ["src/modules/product/product.router.test.ts", "create"],
      ["src/modules/product/product.router.ts", "create"],
      ["src/modules/product/product.service.test.ts", "create"],
      ["src/modules/product/product.service.ts", "create"],
      ["src/modules/product/product.test.ts", "create"],
      ["src/modules/product/product.ts", "create"],
      ["prisma/schema.prisma", "change"],
      ["prisma/migrations/20260102030405_create_product/migration.sql", "create"],
      ["src/app-router.ts", "change"],
      ["src/services.ts", "change"],
      ["test/support/conformance.ts", "change"],
      ["layered-service.json", "change"],
    ]);
    expect(plan.record).toEqual({
      name: "Product",
      fields: "name:string:unique price:decimal(12,2)",
      migration: "20260102030405_create_product",
    });
    expect(snapshot(project)).toEqual(before);
  });

  it("names a migration after the newest one when the clock has not moved on", async () => {
    await add("Customer", "name:string");
    const plan = planFromAnswers(project, { name: "Product", fields: "name:string" }, now);
    expect(plan.record.migration).toBe("20260102030406_create_product");
  });

  it("renders the domain from a view model: decimals as text at their scale, defaults filled in", () => {
    const plan = planFromAnswers(project, { name: "Product", fields: "price:decimal(12,2):default(-0.5) stock:int:default(0)" }, now);
    const domain = plan.changes.find((change) => change.path === "src/modules/product/product.ts")?.after ?? "";
    expect(domain).toContain('import { decimalSchema } from "../../platform/field-schemas.js";');
    expect(domain).toContain("price: decimalSchema({ precision: 12, scale: 2 }),");
    expect(domain).toContain('price: productFields.price.default("-0.50"),');
    expect(domain).toContain("stock: productFields.stock.default(0),");
  });

  it("uses a template of the project's templates/entity/ instead of the package's", () => {
    const override = path.join(project, "templates", "entity", "src", "modules", "__entity__");
    mkdirSync(override, { recursive: true });
    writeFileSync(path.join(override, "__entity__.service.ts.hbs"), "// the {{entity.words}} service, our way\n");
    const plan = planFromAnswers(project, { name: "line item", fields: "quantity:int" }, now);
    const service = plan.changes.find((change) => change.path === "src/modules/line-item/line-item.service.ts");
    expect(service?.after).toBe("// the line item service, our way\n");
  });
});

describe("registering an entity", () => {
  it("adds the router and the service once, however often it runs", () => {
    const entity = entityNames("Product");
    const appRouter = readFileSync(path.join(project, "src/app-router.ts"), "utf8");
    const once = registerRouter(appRouter, entity);
    expect(registerRouter(once, entity)).toBe(once);
    expect(once).toContain('import { productRouter } from "./modules/product/product.router.js";\n// plop:router-imports');
    expect(once).toContain("  product: productRouter,\n  // plop:routers");
    const services = readFileSync(path.join(project, "src/services.ts"), "utf8");
    const registered = registerService(services, entity);
    expect(registerService(registered, entity)).toBe(registered);
    expect(registered.match(/product: createProductService/g)).toHaveLength(1);
  });

  it("adds the entity's inputs for the HTTP conformance test once", () => {
    const entity = entityNames("LineItem");
    const conformance = readFileSync(path.join(project, "test/support/conformance.ts"), "utf8");
    const once = registerConformance(conformance, entity);
    expect(registerConformance(once, entity)).toBe(once);
    expect(once).toContain(
      'import { createLineItem, prepareNewLineItem, lineItemPrismaStore } from "../../src/modules/line-item/line-item.builder.js";\n// plop:conformance-imports',
    );
    expect(once.match(/ {2}lineItem: \{ seed: \(prisma\) => createLineItem\(lineItemPrismaStore\(prisma\)\)/g)).toHaveLength(1);
  });

  it("finds a registration that Prettier spread over several lines, and adds it no second time", async () => {
    const entity = entityNames("OrderLine");
    const registrations = [
      { path: "src/services.ts", register: registerService },
      { path: "test/support/conformance.ts", register: registerConformance },
      { path: "src/app-router.ts", register: registerRouter },
    ];
    for (const { path: file, register } of registrations) {
      const [formatted] = await formatSources(project, [{ path: file, content: register(readFileSync(path.join(project, file), "utf8"), entity) }]);
      const text = formatted?.content ?? "";
      expect(register(text, entity), file).toBe(text);
    }
    const [services] = await formatSources(project, [
      { path: "src/services.ts", content: registerService(readFileSync(path.join(project, "src/services.ts"), "utf8"), entity) },
    ]);
    expect(services?.content).toContain(
      [
        "    orderLine: createOrderLineService({",
        "      orderLineRepository: createOrderLinePrismaRepository(deps.prisma),",
        "      clock: deps.clock,",
        "    }),",
        "    // plop:services",
      ].join("\n"),
    );
  });

  it("tells an entry of the marker's object from a key of the same name elsewhere in the file", () => {
    // src/services.ts has `clock: Clock;` in ServiceDeps, outside the object of services.
    const services = readFileSync(path.join(project, "src/services.ts"), "utf8");
    const registered = registerService(services, entityNames("Clock"));
    expect(registered).toContain("    clock: createClockService({ clockRepository: createClockPrismaRepository(deps.prisma), clock: deps.clock }),\n    // plop:services");
  });

  it("refuses a file whose marker is gone", () => {
    expect(() => insertAtMarker("const x = 1;\n", "// plop:routers", entryInsertion("a", "a"), "src/app-router.ts")).toThrow(
      'src/app-router.ts has no "// plop:routers" marker',
    );
  });
});

describe("formatting what it writes", () => {
  it("writes every file Prettier handles as the project's Prettier formats it, and leaves the schema and the migration alone", async () => {
    const plan = await formatPlan(project, planFromAnswers(project, { name: "OrderLine", fields: "quantity:int unitPrice:decimal(12,2) note:text?" }, now));
    for (const change of plan.changes) {
      const [formatted] = await formatSources(project, [{ path: change.path, content: change.after ?? "" }]);
      expect(formatted?.content, change.path).toBe(change.after);
    }
    const migration = plan.changes.find((change) => change.path.endsWith("migration.sql"));
    expect(migration?.after).toContain('CREATE TABLE "OrderLine" (\n    "id" UUID NOT NULL,');
  });

  it("follows the project's own Prettier configuration", async () => {
    writeFileSync(path.join(project, ".prettierrc.yaml"), "printWidth: 60\nsingleQuote: true\n");
    const plan = await formatPlan(project, planFromAnswers(project, { name: "OrderLine", fields: "quantity:int unitPrice:decimal(12,2)" }, now));
    const router = plan.changes.find((change) => change.path === "src/modules/order-line/order-line.router.ts")?.after ?? "";
    expect(await prettier.check(router, { parser: "typescript", printWidth: 60, singleQuote: true })).toBe(true);
    expect(await prettier.check(router, { parser: "typescript", printWidth: 100 })).toBe(false);
  });

  it("finds the registrations a narrower printWidth spread over several lines, so registering again changes nothing", async () => {
    writeFileSync(path.join(project, ".prettierrc.yaml"), "printWidth: 40\n");
    await add("Customer", "name:string email:string:unique");
    await add("OrderLine", "customer:references quantity:int");
    const services = readFileSync(path.join(project, "src/services.ts"), "utf8");
    expect(services).toContain("    orderLine: createOrderLineService({\n");
    expect(registerService(services, entityNames("OrderLine"))).toBe(services);
    const conformance = readFileSync(path.join(project, "test/support/conformance.ts"), "utf8");
    expect(registerConformance(conformance, entityNames("OrderLine"))).toBe(conformance);
  });

  it("refuses, with one line, a template of the project that renders code Prettier cannot parse, and writes nothing", async () => {
    const override = path.join(project, "templates", "entity", "src", "modules", "__entity__");
    mkdirSync(override, { recursive: true });
    writeFileSync(path.join(override, "__entity__.service.ts.hbs"), "export const {{entity.camel}} = ;\n");
    const before = snapshot(project);
    await expect(carryOut(project, planFromAnswers(project, { name: "Product", fields: "name:string" }, now), { generate: false })).rejects.toThrow(
      /^src\/modules\/product\/product\.service\.ts could not be formatted: [^\n]+$/,
    );
    expect(snapshot(project)).toEqual(before);
  });
});

describe("refusing bad input", () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ["an invalid name", { name: "9lives", fields: "a:string" }, /^Invalid entity name "9lives"/],
    ["a reserved name", { name: "class", fields: "a:string" }, /reserved word "class"/],
    ["a missing name", { fields: "a:string" }, /^Missing entity name/],
    ["no fields", { name: "Thing", fields: "" }, /^No fields given for Thing/],
    ["an unknown type", { name: "Thing", fields: "a:strin" }, /^Unknown field type "strin"/],
    ["a malformed modifier", { name: "Thing", fields: "a:string:uniq" }, /^Unknown modifier "uniq"/],
    ["a default that does not fit", { name: "Thing", fields: "a:int:default(abc)" }, /^Default "abc" does not fit int/],
    ["a duplicate field", { name: "Thing", fields: "a:string a:int" }, /^Duplicate field "a"/],
    ["an unknown relation target", { name: "Thing", fields: "owner:references(Nobody)" }, /^Unknown relation target "Nobody"/],
    ["a required reference to itself", { name: "Thing", fields: "parent:references(Thing)" }, /make it optional/],
  ];

  it.each(cases)("refuses %s with one line and writes nothing", (_case, answers, message) => {
    const before = snapshot(project);
    let error: unknown;
    try {
      planFromAnswers(project, answers, now);
    } catch (caught) {
      error = caught;
    }
    expect(isGeneratorError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
    expect(snapshot(project)).toEqual(before);
  });

  it("refuses an entity that exists unless forced, and then plans a change of its fields", async () => {
    await add("Product", "name:string");
    expect(() => planFromAnswers(project, { name: "product", fields: "name:string" }, now)).toThrow(
      'Entity Product already exists; add "-- --force" to change its fields',
    );
    expect(() => planFromAnswers(project, { name: "Product", fields: "name:string", force: true }, now)).toThrow(
      'Nothing to change: Product already has the fields "name:string".',
    );
    expect(planFromAnswers(project, { name: "Product", fields: "name:string title:string?", force: true }, now).kind).toBe("change");
  });

  it("accepts SQL keywords as entity names", async () => {
    await add("Order", "total:decimal(10,2)");
    await add("user", "handle:string:unique");
    await add("Group", "name:string owner:references(User)");
    expect(readFileSync(path.join(project, "prisma/schema.prisma"), "utf8")).toMatch(/model Group \{[^}]*owner\s+User/);
  });
});

describe("writing an entity", () => {
  it("puts every file back when a write fails part way", async () => {
    const before = snapshot(project);
    const plan = planFromAnswers(project, { name: "Product", fields: "name:string" }, now);
    let writes = 0;
    const failing = async (file: string, content: string): Promise<void> => {
      writes += 1;
      if (writes === plan.changes.length - 1) throw new Error("disk full");
      await writeFile(file, content);
    };
    await expect(applyChanges(project, plan.changes, failing)).rejects.toThrow("disk full");
    expect(snapshot(project)).toEqual(before);
    expect(existsSync(path.join(project, "src/modules/product"))).toBe(false);
  });

  it("puts every file back when the Prisma client cannot be generated", async () => {
    const before = snapshot(project);
    const plan = planFromAnswers(project, { name: "Product", fields: "name:string" }, now);
    // The scratch project has no dependencies installed, so prisma generate fails.
    await expect(carryOut(project, plan)).rejects.toThrow(/prisma is not installed/);
    expect(snapshot(project)).toEqual(before);
    expect(existsSync(path.join(project, "src/modules/product"))).toBe(false);
  });

  it("records each entity in the manifest, in order", async () => {
    await add("Customer", "name:string");
    await add("Order", "customer:references");
    const manifest = JSON.parse(readFileSync(path.join(project, "layered-service.json"), "utf8")) as {
      entities: { name: string }[];
    };
    expect(manifest.entities.map((entity) => entity.name)).toEqual(["Customer", "Order"]);
  });
});

describe("a dry run", () => {
  it("lists what would be created and changed, with a diff of each change, and writes nothing", async () => {
    const before = snapshot(project);
    const plan = planFromAnswers(project, { name: "Product", fields: "name:string", "dry-run": true }, now);
    const text = await carryOut(project, plan, { generate: false });
    expect(text).toContain("create src/modules/product/product.service.ts");
    expect(text).toContain("change src/app-router.ts");
    expect(text).toContain("+++ b/src/app-router.ts");
    expect(text).toContain("+  product: productRouter,");
    expect(snapshot(project)).toEqual(before);
  });

  it("diffs like diff -u", () => {
    const diff = unifiedDiff({ path: "f.txt", before: "a\nb\nc\nd\ne\nf\ng\nh\n", after: "a\nb\nc\nd\nE\nf\ng\nh\n" });
    expect(diff).toBe(["--- a/f.txt", "+++ b/f.txt", "@@ -2,7 +2,7 @@", " b", " c", " d", "-e", "+E", " f", " g", " h"].join("\n"));
  });

  it("says so in its first line", () => {
    const plan = planEntity(project, normalizeAnswers({ name: "Product", fields: "name:string", dryRun: true }), { now });
    expect(describePlan(plan).split("\n")[0]).toBe("Dry run: plop entity Product would write 18 files (nothing written).");
  });
});

describe("the files the user owns", () => {
  it("are written by project creation, and adding an entity leaves them as the user wrote them", async () => {
    for (const file of userOwnedFiles) {
      expect(existsSync(path.join(project, file)), file).toBe(true);
      writeFileSync(path.join(project, file), `// ${file}, as its user wrote it\n`);
    }
    const plan = planFromAnswers(project, { name: "Product", fields: "name:string" }, now);
    expect(plan.changes.map((change) => change.path).filter((file) => userOwnedFiles.includes(file))).toEqual([]);
    await carryOut(project, plan, { generate: false });
    for (const file of userOwnedFiles) {
      expect(readFileSync(path.join(project, file), "utf8")).toBe(`// ${file}, as its user wrote it\n`);
    }
  });
});
