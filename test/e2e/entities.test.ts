// `plop entity` as its users run it: the real plop binary in a fresh project from the built CLI,
// with dependencies linked from this repository's install. A matrix of entities covers every field
// type and modifier, irregular and multi-word names, SQL keywords as names, two references to one
// target and a chain of references; the project's own format check, typecheck, lint and tests then
// pass. Bad input is refused with one line and exit code 1, and leaves `git status` clean; on a
// terminal, plop asks for the name and fields and asks again after a bad answer. A change that
// breaks one of the project's import rules (layers, platform boundary, cycles) fails lint with that
// rule's message.
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnvironment } from "../cli/run-cli.js";
import { generateProject } from "../support/project.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";
import { hasScript, keys, onTerminal } from "../support/terminal.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const plopBin = path.join(root, "node_modules", ".bin", "plop");

/** Each entity as a user would add it, in order: later ones reference earlier ones. */
const matrix: { name: string; fields: string; options?: string[] }[] = [
  {
    name: "Customer",
    fields:
      "name:string email:string:unique notes:text? age:int? score:float:default(1.5) balance:decimal:default(12.50) " +
      "credit:decimal(12,2)?:default(-0.5) active:boolean:default(true) birthday:date? lastSeen:datetime? meta:json? " +
      "token:uuid:default(uuid) externalId:uuid?:unique level:bigint:default(9007199254740993) rank:int:index",
  },
  { name: "category", fields: "name:string:unique parent:references(Category)?" },
  { name: "person", fields: "name:string mentor:references(Person)?:unique" },
  { name: "status", fields: "label:text code:string:unique" },
  { name: "Cactus", fields: "height:float? spines:bigint?", options: ["--plural", "cactuses"] },
  {
    name: "Product",
    fields:
      "title:string:index price:decimal(12,2) stock:int:default(0) status:enum(DRAFT,ACTIVE,ARCHIVED):default(DRAFT) " +
      "category:references owner:references(Customer)? specs:json fraction:decimal(3,3)? big:decimal(1000,0)?",
  },
  { name: "Order", fields: "customer:references placedAt:datetime:default(now) total:decimal(10,2):default(0.00)" },
  { name: "user", fields: "handle:string:unique alpha:int:unique joinedOn:date" },
  { name: "Group", fields: "name:string owner:references(User):unique" },
  {
    name: "Shipment",
    fields: "origin:references(Customer) destination:references(Customer) order:references:unique shippedOn:date:default(now)",
  },
  { name: "line item", fields: "order:references product:references quantity:int:default(1) unit-price:decimal(12,2)" },
];

describe("plop entity in a fresh project", () => {
  let scratch: string;
  let projectDir: string;
  const env = projectEnvironment(cliEnvironment());
  const plop = (args: string[]) => run(process.execPath, [plopBin, ...args], { cwd: projectDir, env });
  const git = async (args: string[]) => {
    const result = await run("git", args, { cwd: projectDir, env });
    expectSuccess(result, `git ${args.join(" ")}`);
    return result.output;
  };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "e2e-entities-"));
    projectDir = await generateProject(scratch, "shop");
    await git(["init", "--quiet"]);
    await git(["add", "--all"]);
    await git(["commit", "--quiet", "--message", "project"]);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("adds every entity of the matrix through the plop binary", async () => {
    for (const step of matrix) {
      const args = ["entity", step.name, step.fields, ...(step.options === undefined ? [] : ["--", ...step.options])];
      expectSuccess(await plop(args), `plop ${args.join(" ")}`);
    }
    const manifest = JSON.parse(await readFile(path.join(projectDir, "layered-service.json"), "utf8")) as {
      entities: { name: string }[];
    };
    expect(manifest.entities.map((entity) => entity.name)).toEqual(matrix.map((step) => step.name));
    const schema = await readFile(path.join(projectDir, "prisma/schema.prisma"), "utf8");
    expect(schema).toMatch(/model Customer \{[^}]*originShipments\s+Shipment\[\]\s+@relation\("ShipmentOrigin"\)/);
    expect(await readFile(path.join(projectDir, "src/modules/cactus/cactus.repository.ts"), "utf8")).toContain(
      "Up to `limit` cactuses",
    );
  }, 600_000);

  it("uses a template of the project's templates/entity/ in place of the package's", async () => {
    const overrideDir = path.join(projectDir, "templates/entity/src/modules/__entity__");
    await mkdir(overrideDir, { recursive: true });
    const packaged = await readFile(path.join(root, "templates/entity/src/modules/__entity__/__entity__.service.ts.hbs"), "utf8");
    await writeFile(
      path.join(overrideDir, "__entity__.service.ts.hbs"),
      `// The {{entity.words}} use cases, from this project's own template.\n${packaged}`,
    );
    expectSuccess(await plop(["entity", "Tag", "label:string:unique"]), "plop entity Tag");
    expect(await readFile(path.join(projectDir, "src/modules/tag/tag.service.ts"), "utf8")).toMatch(
      /^\/\/ The tag use cases, from this project's own template\.\n/,
    );
    await git(["add", "--all"]);
    await git(["commit", "--quiet", "--message", "entities"]);
  }, 120_000);

  it("leaves a project whose format check, typecheck, lint and tests pass", async () => {
    for (const script of ["format:check", "typecheck", "lint", "test"]) {
      expectSuccess(await run("npm", ["run", script], { cwd: projectDir, env }), `npm run ${script}`);
    }
  }, 900_000);

  const refused: [string, string[], RegExp][] = [
    ["an entity that exists", ["entity", "customer", "name:string"], /Entity Customer already exists; add "-- --force"/],
    ["an invalid name", ["entity", "9lives", "name:string"], /Invalid entity name "9lives"/],
    ["a reserved name", ["entity", "class", "name:string"], /reserved word "class"/],
    ["an unknown type", ["entity", "Widget", "name:strin"], /Unknown field type "strin"/],
    ["a malformed modifier", ["entity", "Widget", "name:string:uniq"], /Unknown modifier "uniq"/],
    ["a default that does not fit", ["entity", "Widget", "count:int:default(many)"], /Default "many" does not fit int/],
    ["a duplicate field", ["entity", "Widget", "name:string name:text"], /Duplicate field "name"/],
    ["an unknown relation target", ["entity", "Widget", "maker:references(Nobody)"], /Unknown relation target "Nobody"/],
    ["missing answers without a terminal", ["entity"], /Missing entity name/],
  ];

  it.each(refused)("refuses %s with one line, exit code 1 and no file changed", async (_case, args, message) => {
    const result = await plop(args);
    expect(result.code, result.output).toBe(1);
    const lines = result.output.split("\n").filter((line) => line !== "");
    expect(lines, result.output).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[ERROR\] /);
    expect(lines[0]).toMatch(message);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it("lists what a dry run would write, with diffs, and writes nothing", async () => {
    const result = await plop(["entity", "Widget", "name:string maker:references(Customer)", "--", "--dry-run"]);
    expectSuccess(result, "plop entity --dry-run");
    expect(result.output).toContain("create src/modules/widget/widget.service.ts");
    expect(result.output).toMatch(/create prisma\/migrations\/\d{14}_create_widget\/migration\.sql/);
    expect(result.output).toContain("change prisma/schema.prisma");
    expect(result.output).toContain("+  widget: widgetRouter,");
    expect(result.output).toMatch(/^\+\s+widgets\s+Widget\[\]$/m);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  it.skipIf(!hasScript)("asks for the name and fields on a terminal, and asks again after a bad answer", async () => {
    const session = onTerminal(process.execPath, [plopBin, "entity", "--", "--dry-run"], { cwd: projectDir, env });

    await session.waitFor("Entity name");
    session.type(`class${keys.enter}`);
    await session.waitFor('reserved word "class"');
    session.type("\u007f".repeat("class".length) + `Gadget${keys.enter}`);
    await session.waitFor("Fields");
    session.type(`size:strin${keys.enter}`);
    await session.waitFor('Unknown field type "strin"');
    session.type("\u007f".repeat("strin".length) + `int:default(3) maker:references(Customer)${keys.enter}`);

    expect(await session.exited, session.screen()).toBe(0);
    expect(session.screen()).toContain("create src/modules/gadget/gadget.router.ts");
    expect(session.screen()).toMatch(/^\+\s+size\s+Int\s+@default\(3\)$/m);
    expect(await git(["status", "--porcelain"])).toBe("");
  }, 60_000);

  /** A change that breaks one lint rule of the project, and the rule's message that lint must print. */
  const lintFixtures: { change: string; file: string; prepend: string; append: string; rule: string; message: string }[] = [
    {
      change: "a service imports its Prisma repository",
      file: "src/modules/customer/customer.service.ts",
      prepend: `import { createCustomerPrismaRepository } from "./customer.repository.prisma.js";\n`,
      append: "export const adapter = createCustomerPrismaRepository;\n",
      rule: "no-restricted-imports",
      message: "a service or router depends on the repository port, not on an adapter",
    },
    {
      change: "a service imports the service's tRPC building blocks",
      file: "src/modules/customer/customer.service.ts",
      prepend: `import { router } from "../../trpc.js";\n`,
      append: "export const routerBuilder = router;\n",
      rule: "no-restricted-imports",
      message: "only routers know about tRPC",
    },
    {
      change: "a domain file imports the platform beyond its field schemas",
      file: "src/modules/customer/customer.ts",
      prepend: `import { pageQuery } from "../../platform/pagination.js";\n`,
      append: "export const query = pageQuery;\n",
      rule: "no-restricted-imports",
      message: "the domain file imports only zod and the platform's field schemas",
    },
    {
      change: "the platform's context imports the application's services",
      file: "src/platform/context.ts",
      prepend: `import type { Services } from "../services.js";\n`,
      append: "export type ApplicationServices = Services;\n",
      rule: "import-x/no-restricted-paths",
      message: "The platform knows no application: it takes what it needs as a parameter or a type parameter",
    },
    {
      change: "a platform file imports a module",
      file: "src/platform/pagination.ts",
      prepend: `import { customerSchema } from "../modules/customer/customer.js";\n`,
      append: "export const customerShape = customerSchema;\n",
      rule: "import-x/no-restricted-paths",
      message: "The platform knows no application: it takes what it needs as a parameter or a type parameter",
    },
    {
      change: "a domain file imports zod's `z` by name, which keeps all of zod in the bundle",
      file: "src/modules/customer/customer.ts",
      prepend: `import { z as zod } from "zod";\n`,
      append: "export const label = zod.string();\n",
      rule: "no-restricted-syntax",
      message: 'write `import * as z from "zod"`',
    },
    {
      change: "services.ts imports the app, which imports services.ts",
      file: "src/services.ts",
      prepend: `import { createApp } from "./app.js";\n`,
      append: "export const appFactory = createApp;\n",
      rule: "import-x/no-cycle",
      message: "Dependency cycle detected",
    },
  ];

  it.each(lintFixtures)("fails lint with the message of $rule when $change", async ({ file, prepend, append, rule, message }) => {
    const target = path.join(projectDir, file);
    const original = await readFile(target, "utf8");
    await writeFile(target, `${prepend}${original}\n${append}`);
    try {
      const result = await run(process.execPath, [path.join(root, "node_modules/eslint/bin/eslint.js"), "--max-warnings", "0", target], {
        cwd: projectDir,
        env,
      });
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(message);
      expect(result.output).toContain(rule);
    } finally {
      await writeFile(target, original);
    }
  }, 120_000);
});
