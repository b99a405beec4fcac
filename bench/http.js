// The HTTP benchmark (`npm run bench -- http`) and the cold start (`npm run bench -- coldstart`).
// They print figures and whether the targets are met; nothing asserts a time.
//
// Four servers share one PostgreSQL database and answer the same get-by-id of one Product row and
// the same insert of a Product:
//   A  fastify + pg, named prepared statements     bench/baseline-server.js
//   B  fastify + the app's own Prisma client       bench/prisma-server.js, bundled with esbuild
//   C  the reference app, tRPC's stock adapter     reference-app/dist/main.js, TRPC_ADAPTER=stock
//   D  the reference app, its fast path            reference-app/dist/main.js, TRPC_ADAPTER=fast
//   E  B calling the app's procedure (createCaller) bench/caller-server.js, bundled as B is
// E is no target of its own: it splits D/B in two, E/B for tRPC's procedure call and D/E for the
// app's HTTP path around it (the tRPC protocol, request ids, request logs, metrics).
// C and D are called as the tRPC client's httpLink calls them: GET /trpc/product.get?input=<json>
// and POST /trpc/product.create with a JSON body.
//
// http: for get-by-id, then for create, a short warm-up of each server, then rounds in which the
// servers take turns under autocannon (10 connections), in reverse order every other round. Per round and server it records
// requests per second, p99 latency, and the server process's CPU time (user + system, read from
// /proc) per request. Ratios are taken within a round, between runs seconds apart, and the table
// shows their median. Any non-2xx answer or connection error stops the benchmark: a benchmark
// that measures 404s is wrong. BENCH_SECONDS (default 8) and BENCH_ROUNDS (default 3) shorten it.
//
// coldstart: the time from spawning A and D to their first answered get-by-id, on a database that
// is already migrated and holds the row, as a restarted or scaled-out instance finds it. D turns
// on Node's compile cache (src/main.ts; kept in the system's temporary directory, warm here after
// the first start), A does not; so that both are also compared like for like, A runs a second time
// with the cache (NODE_COMPILE_CACHE, filled by one start first) and D a second time without it
// (NODE_DISABLE_COMPILE_CACHE=1), and D a third time with a cache that `--fill-compile-cache`
// filled, as a new container of the production image finds it. The target stays D against A.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { build } from "esbuild";
import { benchDir, freePort, median, ms, referenceDir, root, runSync, spawnNode, stop, untilAnswered, withDatabase } from "./support.js";

const connections = 10;
const coldStartRuns = 5;

const targets = {
  get: { numerator: "D", denominator: "B", atLeast: 1.0 },
  create: { numerator: "D", denominator: "C", atLeast: 1.1 },
  coldStart: { numerator: "D", denominator: "A", atMost: 1.3 },
};

function settings() {
  const positive = (name, fallback) => {
    const value = Number(process.env[name] ?? fallback);
    if (!(value > 0)) throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
    return value;
  };
  const seconds = positive("BENCH_SECONDS", 8);
  return { seconds, rounds: Math.round(positive("BENCH_ROUNDS", 3)), warmUpSeconds: Math.min(3, seconds) };
}

// ---------------------------------------------------------------------------------------------
// The servers

const plainPaths = {
  get: (id) => `/products/${id}`,
  create: "/products",
};

// The single-call format of the tRPC client's httpLink.
const trpcPaths = {
  get: (id) => `/trpc/product.get?input=${encodeURIComponent(JSON.stringify({ id }))}`,
  create: "/trpc/product.create",
};

const bundled = (name) => path.join(root, "node_modules", ".cache", "bench", name);

/** Bundles B and E with the reference app's TypeScript they import, with the settings of reference-app/build.js. */
async function bundleServers() {
  for (const name of ["prisma-server.js", "caller-server.js"]) await bundleServer(name);
}

async function bundleServer(name) {
  await build({
    entryPoints: [path.join(benchDir, name)],
    outfile: bundled(name),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22.12",
    // The bundled code may import createRequire itself (the app's logger does): the banner's own is renamed.
    banner: { js: 'import { createRequire as createBundleRequire } from "node:module"; const require = createBundleRequire(import.meta.url);' },
    logLevel: "warning",
  });
}

function serverSpecs(databaseUrl) {
  const env = { NODE_ENV: "production", HOST: "127.0.0.1", DATABASE_URL: databaseUrl };
  const app = (adapter) => ({ script: "dist/main.js", env: { ...env, LOG_LEVEL: "warn", TRPC_ADAPTER: adapter }, paths: trpcPaths });
  return {
    A: { title: "fastify + pg, prepared statement", script: path.join(benchDir, "baseline-server.js"), env, paths: plainPaths },
    B: { title: "fastify + Prisma", script: bundled("prisma-server.js"), env, paths: plainPaths },
    C: { title: "reference app, stock tRPC adapter", ...app("stock") },
    D: { title: "reference app, fast path", ...app("fast") },
    E: { title: "fastify + Prisma, the app's procedure", script: bundled("caller-server.js"), env, paths: plainPaths },
  };
}

/** Starts one server on a free port and waits until its /ready answers 200. */
async function startServer(name, spec) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = { name, ...spec, origin, ...spawnNode(spec.script, { ...spec.env, PORT: String(port) }) };
  try {
    await untilAnswered(server, `${origin}/ready`, { intervalMs: 50 });
  } catch (error) {
    await stop(server);
    throw error;
  }
  return server;
}

/** Starts C first, which migrates the new database, then the others; stops them all when `run` ends. */
async function withServers(databaseUrl, run) {
  const specs = serverSpecs(databaseUrl);
  const servers = [];
  try {
    for (const name of ["C", "D", "A", "B", "E"]) servers.push(await startServer(name, specs[name]));
    return await run(Object.fromEntries(servers.map((server) => [server.name, server])));
  } finally {
    for (const server of servers) await stop(server);
  }
}

const productInput = (sku) => ({ sku, name: "Bench product", price: "12.50", stock: 3 });

/** One request of `operation`, outside any measurement: its status and body. */
async function probe(server, operation, { id, sku }) {
  const response =
    operation === "get"
      ? await fetch(server.origin + server.paths.get(id))
      : await fetch(server.origin + server.paths.create, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(productInput(sku)),
        });
  return { status: response.status, body: await response.text() };
}

/** Checks that the server answers the operation as expected before it is measured. */
async function probeOrThrow(server, operation, id) {
  const answer = await probe(server, operation, { id, sku: `PROBE-${server.name}-${operation}` });
  const expected = operation === "get" ? `"id":"${id}"` : `"sku":"PROBE-${server.name}-${operation}"`;
  if (answer.status < 200 || answer.status > 299 || !answer.body.includes(expected)) {
    throw new Error(`${server.name} (${server.title}) ${operation}: expected a 2xx answer holding ${expected}, got ${answer.status} ${answer.body}`);
  }
}

async function createProduct(server, sku) {
  const answer = await probe(server, "create", { sku });
  if (answer.status !== 200) throw new Error(`creating the benchmark's product failed: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body).result.data.id;
}

// ---------------------------------------------------------------------------------------------
// One measured run

/** autocannon's options for a run; every create carries a new sku, `<skuPrefix>-<n>`. */
function loadOptions(server, operation, { id, skuPrefix, seconds }) {
  const common = { connections, duration: seconds };
  if (operation === "get") return { ...common, url: server.origin + server.paths.get(id) };
  let count = 0;
  const setupRequest = (request) => {
    count += 1;
    return { ...request, body: JSON.stringify(productInput(`${skuPrefix}-${count}`)) };
  };
  return {
    ...common,
    url: server.origin + server.paths.create,
    requests: [{ method: "POST", headers: { "content-type": "application/json" }, setupRequest }],
  };
}

async function load(server, operation, options) {
  const result = await autocannon(loadOptions(server, operation, options));
  if (result.non2xx > 0 || result.errors > 0 || result.requests.total === 0) {
    const sample = await probe(server, operation, { id: options.id, sku: `${options.skuPrefix}-failed` }).catch((error) => ({ status: "none", body: String(error) }));
    throw new Error(
      `${server.name} (${server.title}) ${operation}: ${result.non2xx} non-2xx answers and ${result.errors} errors ` +
        `(${result.timeouts} timeouts) in ${result.requests.total} requests; status codes ${JSON.stringify(result.statusCodeStats)}; ` +
        `one more request answers ${sample.status} ${sample.body}\n${server.output()}`,
    );
  }
  return result;
}

const clockTicksPerSecond = (() => {
  let ticks;
  return () => (ticks ??= Number(runSync("getconf", ["CLK_TCK"]).stdout.trim()) || 100);
})();

/** CPU time the process has used, user and system, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces; field 3 follows it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

/** One measured run: requests per second, p99 latency in ms, and the server's CPU µs per request. */
async function measure(server, operation, options) {
  const before = cpuTicks(server.child.pid);
  const result = await load(server, operation, options);
  const cpuSeconds = (cpuTicks(server.child.pid) - before) / clockTicksPerSecond();
  return { rps: result.requests.average, p99: result.latency.p99, cpuUs: (cpuSeconds * 1e6) / result.requests.total };
}

// ---------------------------------------------------------------------------------------------
// Rounds and their summary

/**
 * Warms every server up, then runs the rounds: one measured run per server per round, in turn.
 * Every other round takes the servers in reverse order, so that no server is always measured right
 * after the same one, nor always first or last.
 */
async function runRounds(servers, operation, id, { seconds, rounds, warmUpSeconds }) {
  const names = Object.keys(servers).sort();
  for (const name of names) {
    await probeOrThrow(servers[name], operation, id);
    await load(servers[name], operation, { id, skuPrefix: `WARM-${name}`, seconds: warmUpSeconds });
  }
  const results = [];
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? names : [...names].reverse();
    const measured = {};
    for (const name of order) measured[name] = await measure(servers[name], operation, { id, skuPrefix: `R${round}-${name}`, seconds });
    results.push(Object.fromEntries(names.map((name) => [name, measured[name]])));
  }
  return results;
}

/** Per server: each figure and each within-round ratio, round by round. */
function perServer(results) {
  const ratio = (runs, name, other, key) => runs[name][key] / runs[other][key];
  return Object.fromEntries(
    Object.keys(results[0]).map((name) => [
      name,
      {
        rps: results.map((runs) => runs[name].rps),
        p99: results.map((runs) => runs[name].p99),
        cpuUs: results.map((runs) => runs[name].cpuUs),
        rpsToA: results.map((runs) => ratio(runs, name, "A", "rps")),
        rpsToB: results.map((runs) => ratio(runs, name, "B", "rps")),
        cpuToA: results.map((runs) => ratio(runs, name, "A", "cpuUs")),
        cpuToB: results.map((runs) => ratio(runs, name, "B", "cpuUs")),
      },
    ]),
  );
}

const fixed = (digits) => (value) => value.toFixed(digits);
// autocannon records latencies in whole milliseconds: 0 means under one.
const wholeMs = (value) => (value < 1 ? "<1" : value.toFixed(0));
const columns = [
  { heading: "req/s", key: "rps", format: fixed(0) },
  { heading: "×A", key: "rpsToA", format: fixed(2) },
  { heading: "×B", key: "rpsToB", format: fixed(2) },
  { heading: "p99 ms", key: "p99", format: wholeMs },
  { heading: "CPU µs/req", key: "cpuUs", format: fixed(0) },
  { heading: "CPU ×A", key: "cpuToA", format: fixed(2) },
  { heading: "CPU ×B", key: "cpuToB", format: fixed(2) },
];

function printTable(title, servers, results, { seconds }) {
  const figures = perServer(results);
  const labels = Object.fromEntries(Object.keys(figures).map((name) => [name, `${name}  ${servers[name].title}`]));
  const labelWidth = Math.max(...Object.values(labels).map((label) => label.length));
  const line = (label, cells) => `  ${label.padEnd(labelWidth)}  ${cells.map((cell, index) => cell.padStart(Math.max(columns[index].heading.length, 6))).join("  ")}`;

  console.log(`\n${title}: medians of ${results.length} round(s) of ${seconds} s, ${connections} connections; ratios are medians of per-round ratios`);
  console.log(line("", columns.map((column) => column.heading)));
  for (const [name, figure] of Object.entries(figures)) {
    console.log(line(labels[name], columns.map((column) => column.format(median(figure[column.key])))));
  }
  console.log("  per round:");
  for (const [name, figure] of Object.entries(figures)) {
    const list = (key, format) => figure[key].map(format).join(" ");
    console.log(`    ${name}  req/s ${list("rps", fixed(0))} · p99 ms ${list("p99", wholeMs)} · CPU µs/req ${list("cpuUs", fixed(0))}`);
  }
}

/** "D/B ≥ 1.00: 1.07 met": a target, the figure that meets it or not, and the ratios it comes from. */
function targetLine(label, value, ratios, { numerator, denominator, atLeast, atMost }) {
  const met = atLeast === undefined ? value <= atMost : value >= atLeast;
  const bound = atLeast === undefined ? `≤ ${atMost.toFixed(2)}` : `≥ ${atLeast.toFixed(2)}`;
  return `  ${label} ${numerator}/${denominator} ${bound}: ${value.toFixed(2)} ${met ? "met" : "not met"} (${ratios.map(fixed(2)).join(", ")})`;
}

/** The target's ratio of requests per second in each round, and their median. */
function throughputTarget(label, results, target) {
  const ratios = results.map((runs) => runs[target.numerator].rps / runs[target.denominator].rps);
  return targetLine(label, median(ratios), ratios, target);
}

/** D/B as E/B (tRPC's procedure call) times D/E (the app's HTTP path around it). */
function split(results) {
  const ratio = (numerator, denominator, key) => median(results.map((runs) => runs[numerator][key] / runs[denominator][key]));
  const both = (numerator, denominator) => `${ratio(numerator, denominator, "rps").toFixed(2)} (CPU ×${ratio(numerator, denominator, "cpuUs").toFixed(2)})`;
  return `  E/B ${both("E", "B")} the procedure called through createCaller · D/E ${both("D", "E")} the app's HTTP path around it`;
}

const load3 = () => loadavg().map(fixed(2)).join(" ");

function printLoad(atStart) {
  console.log(`machine load (1, 5, 15 min): ${atStart} at start, ${load3()} at end; ${cpus().length} cores`);
}

// ---------------------------------------------------------------------------------------------
// The benchmarks

export async function benchHttp() {
  const options = settings();
  runSync("npm", ["run", "build"], { cwd: referenceDir });
  await bundleServers();
  const loadAtStart = load3();
  await withDatabase((databaseUrl) =>
    withServers(databaseUrl, async (servers) => {
      const id = await createProduct(servers.C, "BENCH-ROW");
      const get = await runRounds(servers, "get", id, options);
      const create = await runRounds(servers, "create", id, options);
      printTable("get-by-id over HTTP, PostgreSQL", servers, get, options);
      printTable("create over HTTP, PostgreSQL", servers, create, options);
      console.log("\ntargets, on req/s: the median of the per-round ratios (each round's ratio)");
      console.log(throughputTarget("get-by-id", get, targets.get));
      console.log(throughputTarget("create   ", create, targets.create));
      console.log("where get-by-id's D/B goes, on req/s and on CPU per request (medians of per-round ratios)");
      console.log(split(get));
    }),
  );
  printLoad(loadAtStart);
}

/** Milliseconds from spawning the server to its first 2xx answer to get-by-id. */
async function timeToFirstAnswer(spec, id) {
  const port = await freePort();
  const started = performance.now();
  const server = spawnNode(spec.script, { ...spec.env, PORT: String(port) });
  try {
    await untilAnswered(server, `http://127.0.0.1:${port}${spec.paths.get(id)}`);
    return performance.now() - started;
  } finally {
    await stop(server);
  }
}

/** After /ready, the latency of the first get-by-id and of the tenth, one after another. */
async function firstAndTenthRequest(spec, id) {
  const port = await freePort();
  const server = spawnNode(spec.script, { ...spec.env, PORT: String(port) });
  try {
    await untilAnswered(server, `http://127.0.0.1:${port}/ready`);
    const latencies = [];
    for (let request = 0; request < 10; request += 1) {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}${spec.paths.get(id)}`);
      await response.text();
      if (!response.ok) throw new Error(`get-by-id answered ${String(response.status)}`);
      latencies.push(performance.now() - started);
    }
    return { first: latencies[0], tenth: latencies[9] };
  } finally {
    await stop(server);
  }
}

export async function benchColdStart() {
  runSync("npm", ["run", "build"], { cwd: referenceDir });
  const loadAtStart = load3();
  await withDatabase(async (databaseUrl) => {
    const specs = serverSpecs(databaseUrl);
    // A first start of the app migrates the database; the row is added through it.
    const setup = await startServer("D", specs.D);
    const id = await createProduct(setup, "COLD-ROW").finally(() => stop(setup));
    const cacheDir = mkdtempSync(path.join(tmpdir(), "bench-compile-cache-"));
    // As the Dockerfile fills it: the service loads its code once without starting.
    const imageCacheDir = mkdtempSync(path.join(tmpdir(), "bench-image-compile-cache-"));
    runSync(process.execPath, ["dist/main.js", "--fill-compile-cache"], { cwd: referenceDir, env: { ...process.env, NODE_COMPILE_CACHE: imageCacheDir } });
    const variants = {
      A: specs.A,
      D: specs.D,
      "A+cache": { ...specs.A, title: `${specs.A.title}, with Node's compile cache`, env: { ...specs.A.env, NODE_COMPILE_CACHE: cacheDir } },
      "D-nocache": { ...specs.D, title: `${specs.D.title}, without its compile cache`, env: { ...specs.D.env, NODE_DISABLE_COMPILE_CACHE: "1" } },
      "D-image": {
        ...specs.D,
        title: `${specs.D.title}, a new container: the cache filled by --fill-compile-cache, as the image's build fills it`,
        env: { ...specs.D.env, NODE_COMPILE_CACHE: imageCacheDir },
      },
    };
    const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    try {
      await timeToFirstAnswer(variants["A+cache"], id);
      for (let run = 0; run < coldStartRuns; run += 1) {
        for (const [name, spec] of Object.entries(variants)) times[name].push(await timeToFirstAnswer(spec, id));
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
      rmSync(imageCacheDir, { recursive: true, force: true });
    }
    console.log(`\ncold start, spawn to first answered get-by-id (migrated PostgreSQL database holding the row), ${coldStartRuns} alternating runs:`);
    for (const [name, spec] of Object.entries(variants)) {
      console.log(`  ${name.padEnd(9)}  ${spec.title}: median ${ms(median(times[name]))} (${times[name].map(ms).join(", ")})`);
    }
    const perRun = times.D.map((time, run) => time / times.A[run]);
    console.log("target: median D / median A (each run's ratio)");
    console.log(targetLine("cold start", median(times.D) / median(times.A), perRun, targets.coldStart));
    const ratio = (numerator, denominator) => (median(times[numerator]) / median(times[denominator])).toFixed(2);
    console.log(`like for like: D / (A+cache) ${ratio("D", "A+cache")}, both with the compile cache; (D-nocache) / A ${ratio("D-nocache", "A")}, both without`);
    console.log(`a new container: (D-image) / A ${ratio("D-image", "A")} with the cache the image's build fills, (D-nocache) / A ${ratio("D-nocache", "A")} without one`);
    const requests = [];
    for (let run = 0; run < coldStartRuns; run += 1) requests.push(await firstAndTenthRequest(specs.D, id));
    const first = median(requests.map((request) => request.first));
    const tenth = median(requests.map((request) => request.tenth));
    console.log(
      `D once /ready answers: first get-by-id ${first.toFixed(1)} ms, tenth ${tenth.toFixed(1)} ms (medians of ${String(coldStartRuns)} starts; first/tenth ${(first / tenth).toFixed(2)})`,
    );
  });
  printLoad(loadAtStart);
}
