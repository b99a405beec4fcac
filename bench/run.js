// Benchmarks that print figures; nothing here asserts a time. Run with `npm run bench [-- name...]`.
// Figures on a shared 2-core machine are noisy: each prints a median of several runs, and
// comparisons are made between runs of the same script. The HTTP comparison and the cold start
// (`http`, `coldstart`) live in http.js, order placement (`orders`) in orders.js; helpers shared
// with them in support.js.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { benchColdStart, benchHttp } from "./http.js";
import { benchOrders } from "./orders.js";
import { benchProductionInstall } from "./production-install.js";
import { median, ms, postgresServer, referenceDir, root, runSync, withDatabase } from "./support.js";

async function benchCreate() {
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const scratch = mkdtempSync(path.join(tmpdir(), "bench-create-"));
    const started = performance.now();
    runSync(process.execPath, [path.join(root, "generators/dist/cli.js"), "x", "--yes", "--no-install", "--no-git"], {
      cwd: scratch,
    });
    times.push(performance.now() - started);
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`create-layered-service x --yes --no-install --no-git: median ${ms(median(times))} of 5 (${times.map(ms).join(", ")})`);
}

async function firstAnswer(env) {
  const started = performance.now();
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: referenceDir,
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: "3917", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the reference app exited with ${child.exitCode}`);
      try {
        const response = await fetch("http://127.0.0.1:3917/trpc/system.info");
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
  }
}

async function benchStartup() {
  runSync("npm", ["run", "build"], { cwd: referenceDir });
  const pglite = [];
  for (let i = 0; i < 5; i += 1) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "bench-pglite-"));
    // A first start creates the data directory; the measured one reopens it, as a restart does.
    await firstAnswer({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" });
    pglite.push(await firstAnswer({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" }));
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`reference app, start to first answered request on PGlite (existing data dir): median ${ms(median(pglite))} of 5`);
  const fresh = [];
  for (let i = 0; i < 3; i += 1) {
    const dataDir = mkdtempSync(path.join(tmpdir(), "bench-pglite-"));
    fresh.push(await firstAnswer({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" }));
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`reference app, start to first answered request on PGlite (new data dir, migrations applied): median ${ms(median(fresh))} of 3`);
  try {
    const postgres = [];
    for (let i = 0; i < 5; i += 1) postgres.push(await withDatabase((url) => firstAnswer({ DATABASE_URL: url })));
    console.log(`reference app, start to first answered request on PostgreSQL (new database): median ${ms(median(postgres))} of 5`);
  } catch (error) {
    console.log(`PostgreSQL start-up skipped: ${error.message}`);
  }
}

const plopBin = path.join(root, "node_modules", ".bin", "plop");
const entityTemplateDir = path.join(root, "templates", "entity", "src", "modules", "__entity__");

function timed(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

// A bare plop generator rendering six templates (the six layer templates of an entity), as the
// yardstick for one `plop entity` run.
function bareGenerator() {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-bare-plop-"));
  const layers = ["__entity__.ts", "__entity__.repository.ts", "__entity__.repository.prisma.ts", "__entity__.repository.memory.ts", "__entity__.service.ts", "__entity__.router.ts"];
  const actions = layers.map((layer) => ({
    type: "add",
    path: `out/{{name}}/${layer.replace("__entity__", "{{name}}")}`,
    templateFile: path.join(entityTemplateDir, `${layer}.hbs`),
  }));
  writeFileSync(
    path.join(dir, "plopfile.js"),
    `export default function (plop) {\n  plop.setGenerator("bare", { prompts: [{ type: "input", name: "name" }], actions: ${JSON.stringify(actions)} });\n}\n`,
  );
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  return dir;
}

const benchEntities = [
  ["Customer", "name:string email:string:unique"],
  ["Category", "name:string:unique description:text?"],
  ["Product", "sku:string:unique name:string price:decimal(12,2) stock:int:default(0) category:references"],
  ["Warehouse", "code:string:unique city:string"],
  ["StockLevel", "product:references warehouse:references quantity:int:default(0)"],
  ["Order", "customer:references status:enum(PENDING,PAID,SHIPPED):default(PENDING) total:decimal(12,2)"],
  ["OrderLine", "order:references product:references quantity:int unitPrice:decimal(12,2)"],
  ["Shipment", "order:references carrier:string trackingNumber:string? shippedAt:datetime?"],
  ["Invoice", "order:references:unique number:string:unique issuedOn:date paid:boolean:default(false)"],
  ["AuditEntry", "action:string payload:json? at:datetime:default(now)"],
];

async function benchEntity() {
  const { prismaGenerate } = await import("../generators/dist/shared/prisma-generate.js");
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-entity-"));
  try {
    runSync(process.execPath, [path.join(root, "generators/dist/cli.js"), "bench-app", "--yes", "--no-install", "--no-git"], { cwd: scratch });
    const projectDir = path.join(scratch, "bench-app");
    symlinkSync(path.join(root, "node_modules"), path.join(projectDir, "node_modules"), "dir");
    await prismaGenerate(projectDir);
    const git = (...args) => runSync("git", args, { cwd: projectDir, env: { ...process.env, GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" } });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "start");

    const bare = bareGenerator();
    const bareTimes = [1, 2, 3, 4, 5].map((i) => timed(() => runSync(plopBin, ["bare", `thing${i}`], { cwd: bare })));
    rmSync(bare, { recursive: true, force: true });

    const entityTimes = [];
    for (const [index, [name, fields]] of benchEntities.entries()) {
      const time = timed(() => runSync(plopBin, ["entity", name, fields], { cwd: projectDir }));
      if (index < 5) entityTimes.push(time);
      if (index === 0) {
        git("add", "-A");
        const numstat = git("diff", "--cached", "--numstat").stdout.trim().split("\n");
        const added = git("diff", "--cached", "--name-status").stdout.trim().split("\n");
        const created = added.filter((line) => line.startsWith("A")).length;
        const changed = added.filter((line) => line.startsWith("M")).length;
        const lines = numstat.reduce((sum, line) => sum + Number(line.split("\t")[0]), 0);
        console.log(`one entity (${name}: ${fields}): ${created} files created, ${changed} changed, ${lines} lines added`);
      }
    }
    console.log(`bare plop generator, six templates: median ${ms(median(bareTimes))} of 5`);
    console.log(`plop entity (render, schema, migration, registration, prisma generate): median ${ms(median(entityTimes))} of 5 (${entityTimes.map(ms).join(", ")})`);
    console.log(`ratio plop entity / bare plop: ${(median(entityTimes) / median(bareTimes)).toFixed(2)}`);

    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith("npm_") && key !== "DATABASE_URL"),
    );
    const pgliteOnly = [1, 2, 3].map(() => timed(() => runSync("npm", ["test"], { cwd: projectDir, env })));
    console.log(`npm test in a project with ${benchEntities.length} entities, PGlite only: median ${ms(median(pgliteOnly))} of 3`);
    const withPostgres = timed(() => runSync("npm", ["test"], { cwd: projectDir, env: { ...env, DATABASE_URL: postgresServer } }));
    console.log(`npm test in a project with ${benchEntities.length} entities, PGlite and PostgreSQL: ${ms(withPostgres)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// One field change (`plop entity <Name> "<fields>" -- --force`) against adding a new entity, both
// through the plop binary in the same project; and what a one-field addition writes.
async function benchChange() {
  const { prismaGenerate } = await import("../generators/dist/shared/prisma-generate.js");
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-change-"));
  try {
    runSync(process.execPath, [path.join(root, "generators/dist/cli.js"), "bench-app", "--yes", "--no-install", "--no-git"], { cwd: scratch });
    const projectDir = path.join(scratch, "bench-app");
    symlinkSync(path.join(root, "node_modules"), path.join(projectDir, "node_modules"), "dir");
    await prismaGenerate(projectDir);
    const git = (...args) => runSync("git", args, { cwd: projectDir, env: { ...process.env, GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" } });
    git("init", "-q");
    runSync(plopBin, ["entity", "Customer", "name:string email:string:unique"], { cwd: projectDir });
    git("add", "-A");
    git("commit", "-qm", "start");

    const runs = 5;
    const createTimes = [];
    const changeTimes = [];
    let fields = "name:string email:string:unique";
    for (let i = 1; i <= runs; i += 1) {
      fields = `${fields} note${i}:string?`;
      changeTimes.push(timed(() => runSync(plopBin, ["entity", "Customer", fields, "--", "--force"], { cwd: projectDir })));
      if (i === 1) {
        git("add", "-A");
        const rows = git("diff", "--cached", "--numstat", "--", ".", ":!layered-service.json").stdout.trim().split("\n").map((line) => line.split("\t"));
        const sql = rows.filter(([, , file]) => file.endsWith("migration.sql"));
        const code = rows.filter(([, , file]) => !file.endsWith("migration.sql"));
        const sum = (list) => list.reduce((total, [added, removed]) => total + Number(added) + Number(removed), 0);
        console.log(`one optional field added to Customer: ${sum(sql)} lines of migration SQL; ${sum(code)} lines of code and schema changed in ${code.length} files (${code.map(([, , file]) => file).join(", ")})`);
        git("commit", "-qm", "first change");
      }
      createTimes.push(timed(() => runSync(plopBin, ["entity", `Thing${i}`, "label:string"], { cwd: projectDir })));
    }
    console.log(`plop entity <new entity>: median ${ms(median(createTimes))} of ${runs} (${createTimes.map(ms).join(", ")})`);
    console.log(`plop entity Customer <one more field> -- --force: median ${ms(median(changeTimes))} of ${runs} (${changeTimes.map(ms).join(", ")})`);
    console.log(`ratio change / new entity: ${(median(changeTimes) / median(createTimes)).toFixed(2)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const benches = {
  create: benchCreate,
  startup: benchStartup,
  coldstart: benchColdStart,
  http: benchHttp,
  entity: benchEntity,
  change: benchChange,
  install: benchProductionInstall,
  orders: benchOrders,
};
const chosen = process.argv.slice(2).filter((name) => name in benches);
for (const name of chosen.length > 0 ? chosen : Object.keys(benches)) await benches[name]();
