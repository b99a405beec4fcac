// Entities that evolve, as users evolve them: the real plop binary in one fresh project under git.
// Entities are added, a service and a test are edited by hand, then a chain of field changes runs
// (an optional field, a required field with a default, an enum value, a field made optional, a
// unique index, a field removed, a reference added and removed) and an entity is destroyed. The
// project's own typecheck, lint and tests then pass, the hand edits are still there, and Prisma's
// engine finds no drift between the migrations and schema.prisma. A conflicting edit ends in
// conflict markers and exit code 1; bad input and dropped data without permission are refused with
// one line, exit code 1 and a clean `git status`; on a terminal, dropping data is asked first.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnvironment } from "../cli/run-cli.js";
import { closePrismaEngine, prismaDriftSql } from "../support/prisma-engine.js";
import { generateProject } from "../support/project.js";
import { expectSuccess, projectEnvironment, run, type RunResult } from "../support/run.js";
import { hasScript, keys, onTerminal } from "../support/terminal.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const plopBin = path.join(root, "node_modules", ".bin", "plop");

const customer = "name:string email:string:unique";
const product = "title:string price:decimal(10,2)";
const order = "customer:references status:enum(PENDING,PAID):default(PENDING) total:int";

/** Each change as a user would type it: the entity's new full field list, in order. */
const chain: { change: string; name: string; fields: string; options?: string[] }[] = [
  { change: "adds an optional field", name: "Order", fields: `${order} notes:text?` },
  { change: "adds a required field with a default", name: "Order", fields: `${order} notes:text? priority:int:default(3)` },
  {
    change: "adds an enum value",
    name: "Order",
    fields: "customer:references status:enum(PENDING,PAID,FAILED):default(PENDING) total:int notes:text? priority:int:default(3)",
  },
  {
    change: "makes a field optional",
    name: "Order",
    fields: "customer:references status:enum(PENDING,PAID,FAILED):default(PENDING) total:int? notes:text? priority:int:default(3)",
  },
  { change: "adds a unique index", name: "Product", fields: "title:string:unique price:decimal(10,2)" },
  {
    change: "removes a field",
    name: "Order",
    fields: "customer:references status:enum(PENDING,PAID,FAILED):default(PENDING) total:int? notes:text?",
    options: ["--allow-data-loss"],
  },
  {
    change: "adds a reference",
    name: "Order",
    fields: "customer:references status:enum(PENDING,PAID,FAILED):default(PENDING) total:int? notes:text? product:references?",
  },
  {
    change: "removes a reference",
    name: "Order",
    fields: "customer:references status:enum(PENDING,PAID,FAILED):default(PENDING) total:int? notes:text?",
    options: ["--allow-data-loss"],
  },
];

const finalOrder = chain.at(-1)?.fields ?? "";

const service = "src/modules/order/order.service.ts";
const serviceTest = "src/modules/order/order.service.test.ts";
const domainTest = "src/modules/order/order.test.ts";

/** A use case the user wrote in the generated service, and the tests they wrote for it and the domain. */
const handWritten = {
  method: `
    markPaid(id: string, version: number): Promise<Order> {
      return orderRepository.update(id, version, { status: "PAID" }, clock.now());
    },
`,
  serviceTest: `
  it("marks an order paid", async () => {
    const created = await service.create(await prepareNewOrder(store));
    expect((await service.markPaid(created.id, created.version)).status).toBe("PAID");
  });
`,
  domainTest: `
  it("refuses a status that is not one of its values", () => {
    expect(newOrderSchema.safeParse({ ...buildNewOrder(), status: "LOST" }).success).toBe(false);
  });
`,
};

describe("entities that change and are destroyed, in a fresh project", () => {
  let scratch: string;
  let projectDir: string;
  const env = projectEnvironment(cliEnvironment());
  const plop = (args: string[]) => run(process.execPath, [plopBin, ...args], { cwd: projectDir, env });
  const git = async (args: string[]) => {
    const result = await run("git", args, { cwd: projectDir, env });
    expectSuccess(result, `git ${args.join(" ")}`);
    return result.output;
  };
  const read = (file: string) => readFile(path.join(projectDir, file), "utf8");
  const edit = async (file: string, anchor: string, insert: string) => {
    const text = await read(file);
    expect(text, file).toContain(anchor);
    await writeFile(path.join(projectDir, file), text.replace(anchor, `${insert}${anchor}`));
  };
  const commit = async (message: string) => {
    await git(["add", "--all"]);
    await git(["commit", "--quiet", "--allow-empty", "--message", message]);
  };
  const expectSuccessfulPlop = async (args: string[]) => {
    expectSuccess(await plop(args), `plop ${args.join(" ")}`);
    await commit(args.join(" "));
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "e2e-evolve-"));
    projectDir = await generateProject(scratch, "shop");
    await git(["init", "--quiet"]);
    await commit("project");
    for (const [name, fields] of [
      ["Customer", customer],
      ["Product", product],
      ["Order", order],
    ] as const) {
      await expectSuccessfulPlop(["entity", name, fields]);
    }
    await edit(service, "  };\n}\n\nexport type OrderService", handWritten.method);
    await edit(serviceTest, "\n  it(\"reports an unknown order as NOT_FOUND\"", handWritten.serviceTest);
    await edit(domainTest, "});\n\ndescribe(\"an update of an order\"", handWritten.domainTest);
    await commit("hand edits");
  }, 300_000);

  afterAll(async () => {
    await closePrismaEngine();
    await rm(scratch, { recursive: true, force: true });
  });

  it("shows a change with the hand edits merged in as a dry run, and writes nothing", async () => {
    const result = await plop(["entity", "Order", chain[0]?.fields ?? "", "--", "--force", "--dry-run"]);
    expectSuccess(result, "plop entity --force --dry-run");
    expect(result.output).toMatch(/^create prisma\/migrations\/\d{14}_change_order\/migration\.sql$/m);
    expect(result.output).toContain(`keeps your edits: ${domainTest}`);
    expect(result.output).toMatch(/^\+\s+notes\s+String\?$/m);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it.each(chain)("$change through plop entity --force", async ({ name, fields, options }) => {
    await expectSuccessfulPlop(["entity", name, fields, "--", "--force", ...(options ?? [])]);
    const manifest = JSON.parse(await read("layered-service.json")) as { entities: { action?: string; fields?: string }[] };
    expect(manifest.entities.at(-1)).toMatchObject({ action: "change", fields });
  }, 60_000);

  it("refuses to destroy an entity that another references", async () => {
    const result = await plop(["destroy", "Customer", "--", "--allow-data-loss"]);
    expectOneLineRefusal(result, /^Cannot destroy Customer: Order references it\./);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it("lists what destroying an entity would do as a dry run, and writes nothing", async () => {
    const result = await plop(["destroy", "Product", "--", "--dry-run"]);
    expectSuccess(result, "plop destroy --dry-run");
    expect(result.output).toContain("delete src/modules/product/product.service.ts");
    expect(result.output).toMatch(/^create prisma\/migrations\/\d{14}_drop_product\/migration\.sql$/m);
    expect(result.output).toContain("-  product: productRouter,");
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it("destroys an entity that nothing references any more", async () => {
    await expectSuccessfulPlop(["destroy", "Product", "--", "--allow-data-loss"]);
    expect(await readdir(path.join(projectDir, "src/modules"))).not.toContain("product");
    expect(await read("src/app-router.ts")).not.toContain("product");
    expect(await read("prisma/schema.prisma")).not.toMatch(/Product/);
  }, 60_000);

  it("keeps the method and the tests written by hand", async () => {
    expect(await read(service)).toContain(handWritten.method);
    expect(await read(serviceTest)).toContain(handWritten.serviceTest);
    expect(await read(domainTest)).toContain(handWritten.domainTest);
    expect(await read("src/modules/order/order.ts")).toContain('status: z.enum(["PENDING", "PAID", "FAILED"]),');
  });

  it("leaves migrations that Prisma's engine replays to schema.prisma with no drift", async () => {
    const migrationsDir = path.join(projectDir, "prisma/migrations");
    const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(names.map((name) => name.replace(/^\d{14}_/, ""))).toEqual([
      "create_customer",
      "create_product",
      "create_order",
      ...chain.map((step) => `change_${step.name.toLowerCase()}`),
      "drop_product",
    ]);
    const migrations = await Promise.all(
      names.map(async (name) => ({ name, sql: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8") })),
    );
    expect(await prismaDriftSql(migrations, await read("prisma/schema.prisma"))).toBe("-- This is an empty migration.\n");
  }, 120_000);

  it("leaves a project whose typecheck, lint and tests pass", async () => {
    for (const script of ["typecheck", "lint", "test"]) {
      expectSuccess(await run("npm", ["run", script], { cwd: projectDir, env }), `npm run ${script}`);
    }
  }, 900_000);

  const refused: [string, string[], RegExp][] = [
    ["a change of an unknown entity", ["entity", "Invoice", "total:int", "--", "--force"], /^Unknown entity Invoice: --force changes an entity that exists/],
    ["a field list that changes nothing", ["entity", "order", finalOrder, "--", "--force"], /^Nothing to change: Order already has the fields/],
    ["a type change", ["entity", "Order", finalOrder.replace("total:int?", "total:string?"), "--", "--force"], /total/],
    ["a required field without a default", ["entity", "Customer", `${customer} phone:string`, "--", "--force"], /phone/],
    ["a malformed field list", ["entity", "Customer", `${customer} phone:strin?`, "--", "--force"], /^Unknown field type "strin"/],
    ["a removed field without --allow-data-loss", ["entity", "Customer", "name:string", "--", "--force"], /Add "-- --allow-data-loss" to go ahead \(nothing written\)\.$/],
    ["an entity that exists, without --force", ["entity", "Customer", customer], /^Entity Customer already exists; add "-- --force" to change its fields/],
    ["destroying an unknown entity", ["destroy", "Invoice", "--", "--allow-data-loss"], /^Unknown entity Invoice: layered-service\.json records only Customer, Order\.$/],
    ["destroying without --allow-data-loss", ["destroy", "Order"], /^Destroying Order drops the table Order and every row in it, and the enum type OrderStatus, for good\. Add "-- --allow-data-loss"/],
  ];

  it.each(refused)("refuses %s with one line, exit code 1 and no file changed", async (_case, args, message) => {
    expectOneLineRefusal(await plop(args), message);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it.skipIf(!hasScript)("asks on a terminal before dropping data, and writes nothing when the answer is no", async () => {
    const session = onTerminal(process.execPath, [plopBin, "entity", "Customer", "name:string", "--", "--force"], { cwd: projectDir, env });
    await session.waitFor("This drops data");
    session.type(`n${keys.enter}`);
    expect(await session.exited, session.screen()).toBe(1);
    expect(session.screen()).toMatch(/Nothing written: dropping the data was not confirmed \(Removing "email" from Customer/);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it.skipIf(!hasScript)("asks on a terminal before destroying an entity, and writes nothing when the answer is no", async () => {
    const session = onTerminal(process.execPath, [plopBin, "destroy", "Order"], { cwd: projectDir, env });
    await session.waitFor("This drops data");
    session.type(`n${keys.enter}`);
    expect(await session.exited, session.screen()).toBe(1);
    expect(session.screen()).toMatch(/Nothing written: dropping the data was not confirmed \(Destroying Order drops the table Order/);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it("writes conflict markers where a hand edit and the change meet, and exits with 1 naming the file", async () => {
    const domain = "src/modules/order/order.ts";
    const statusLine = '  status: z.enum(["PENDING", "PAID", "FAILED"]),';
    await writeFile(path.join(projectDir, domain), (await read(domain)).replace(statusLine, statusLine.replace("]),", "]).describe(\"where the order is\"),")));
    await commit("a hand edit on the status line");
    const result = await plop(["entity", "Order", finalOrder.replace("PAID,FAILED", "PAID,FAILED,REFUNDED"), "--", "--force"]);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain(`with conflicts in ${domain}`);
    const merged = await read(domain);
    expect(merged).toContain(
      [
        "<<<<<<< current",
        '  status: z.enum(["PENDING", "PAID", "FAILED"]).describe("where the order is"),',
        "=======",
        '  status: z.enum(["PENDING", "PAID", "FAILED", "REFUNDED"]),',
        ">>>>>>> generated",
      ].join("\n"),
    );
    expect(await git(["status", "--porcelain"])).toMatch(/_change_order\//);
  }, 60_000);
});

function expectOneLineRefusal(result: RunResult, message: RegExp): void {
  expect(result.code, result.output).toBe(1);
  const lines = result.output.split("\n").filter((line) => line !== "");
  expect(lines, result.output).toHaveLength(1);
  expect(lines[0]).toMatch(/^\[ERROR\] /);
  expect(lines[0]?.replace(/^\[ERROR\] /, "")).toMatch(message);
}
