// The order benchmark (`npm run bench -- orders`): order.place, the saga that reserves stock through
// a product's actor, prices, charges the payment provider behind a circuit breaker, creates the
// shipment and marks the order PAID, measured over HTTP on PostgreSQL. It prints figures; nothing
// asserts a time.
//
// The reference app (reference-app/dist/main.js, built as the http benchmark builds it) runs on a
// new PostgreSQL database, with the fake payment provider (reference-app/test/support/
// fake-payment-provider.ts, a process of its own driven over IPC) as its PAYMENT_PROVIDER_URL.
// Customers (one per section, so the database's counts can be told apart) and products with big
// stock are created through customer.create and product.create. Every order is
// `POST /trpc/order.place` with an Idempotency-Key of its own and one line, of a product taken in
// turn, so that no single product's reservation mailbox carries the whole load.
//
// provider up    autocannon (closed loop, BENCH_CONNECTIONS connections, default 10) places orders
//                while the provider answers at once: orders answered 200 per second, p50 and p99.
// circuit open   the provider goes down; orders are placed one at a time until the app's /metrics
//                shows the payment circuit open, then the same load runs: orders should fail fast,
//                FAILED with a reason. The circuit stays open to the end (half-open after an hour).
// recovery       BENCH_RECOVERY_ORDERS orders (default 20) are placed while the provider answers
//                slowly, so their sagas wait mid-flight on the charge; the app is killed (SIGKILL),
//                started again, and each unfinished order's time from the kill until order.get shows
//                PAID or FAILED is recorded. A crashed saga is taken up again once its lease
//                (SAGA_LEASE_SECONDS, set short here) expires.
//
// The load sections run a warm-up, then BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS (default
// 8): all rounds with the provider up, then all with the circuit open. Tables show medians and
// every round's figures. As a sanity check, once no order is PENDING any more, the database's count
// of orders by status and failure reason, per section; and the saga jobs pg-boss still holds for the
// workers, with how many they finish in 10 s. Recovery runs BENCH_ROUNDS passes, on a database of
// its own.
import { randomUUID } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import pg from "pg";
import {
  freePort,
  median,
  referenceDir,
  runSync,
  sleep,
  spawnNode,
  stop,
  untilAnswered,
  withDatabase,
} from "./support.js";

const productCount = 20;
const productStock = 100_000;
const leaseSeconds = 5;
const breakerFailures = 3;
/** How long a slow charge keeps its answer in the recovery section: longer than any pass waits. */
const slowChargeMs = 60_000;
/** How long a recovery pass waits for its orders to end before it reports them unfinished. */
const recoveryTimeoutMs = 120_000;

function settings() {
  const positive = (name, fallback) => {
    const value = Number(process.env[name] ?? fallback);
    if (!(value > 0))
      throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
    return value;
  };
  const seconds = positive("BENCH_SECONDS", 8);
  return {
    seconds,
    rounds: Math.round(positive("BENCH_ROUNDS", 3)),
    connections: Math.round(positive("BENCH_CONNECTIONS", 10)),
    recoveryOrders: Math.round(positive("BENCH_RECOVERY_ORDERS", 20)),
    warmUpSeconds: Math.min(3, seconds),
  };
}

function appEnv(databaseUrl, providerUrl) {
  return {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    DATABASE_URL: databaseUrl,
    PAYMENT_PROVIDER_URL: providerUrl,
    PAYMENT_PROVIDER_BREAKER_FAILURES: String(breakerFailures),
    PAYMENT_PROVIDER_BREAKER_HALF_OPEN_AFTER_MS: String(60 * 60 * 1000),
    // Longer than a recovery pass takes to put its orders in flight: the slow charges must still
    // be waiting for their answer when the app is killed.
    PAYMENT_PROVIDER_TIMEOUT_MS: "30000",
    SAGA_LEASE_SECONDS: String(leaseSeconds),
  };
}

// ---------------------------------------------------------------------------------------------
// The app and its procedures

/** Starts the built reference app on a free port; resolves once /ready answers 200. */
async function startApp(env) {
  const port = await freePort();
  const app = {
    origin: `http://127.0.0.1:${port}`,
    ...spawnNode("dist/main.js", { ...env, PORT: String(port) }),
  };
  try {
    await untilAnswered(app, `${app.origin}/ready`, { intervalMs: 20 });
  } catch (error) {
    await stop(app);
    throw error;
  }
  return app;
}

/** A tRPC mutation over HTTP, as the client's httpLink sends it: its status and body. */
async function mutate(app, procedure, input, headers = {}) {
  const response = await fetch(`${app.origin}/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.text() };
}

async function query(app, procedure, input) {
  const response = await fetch(
    `${app.origin}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  return { status: response.status, body: await response.text() };
}

/** The `result.data` of a 200 answer; anything else stops the benchmark with the answer. */
function dataOf(procedure, answer) {
  if (answer.status !== 200)
    throw new Error(`${procedure} answered ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body).result.data;
}

const orderInput = (customerId, productId) => ({ customerId, lines: [{ productId, quantity: 1 }] });

function placeOrder(app, customerId, productId) {
  return mutate(app, "order.place", orderInput(customerId, productId), {
    "idempotency-key": randomUUID(),
  });
}

async function createCustomer(app, section) {
  const email = `${section}-${randomUUID()}@bench.example`;
  return dataOf(
    "customer.create",
    await mutate(app, "customer.create", { name: `Bench ${section}`, email }),
  ).id;
}

async function createProducts(app) {
  const ids = [];
  for (let index = 0; index < productCount; index += 1) {
    const input = {
      sku: `BENCH-${index}-${randomUUID()}`,
      name: `Bench product ${index}`,
      price: "12.50",
      stock: productStock,
      status: "ACTIVE",
    };
    ids.push(dataOf("product.create", await mutate(app, "product.create", input)).id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Load

/** Answers of a run: by HTTP status, by the order's status, and the failure reasons given. */
function tally() {
  return { http: {}, status: {}, reasons: {} };
}

const bump = (counts, key) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function record(counts, httpStatus, body) {
  bump(counts.http, httpStatus);
  if (httpStatus !== 200) return;
  const order = JSON.parse(body).result.data;
  bump(counts.status, order.status);
  if (order.failureReason !== null) bump(counts.reasons, order.failureReason);
}

/** autocannon placing orders for `customerId`, each with a new Idempotency-Key, products in turn. */
async function placeUnderLoad(app, customerId, productIds, { seconds, connections }) {
  const counts = tally();
  let next = 0;
  const result = await autocannon({
    url: `${app.origin}/trpc/order.place`,
    connections,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          next += 1;
          return {
            ...request,
            headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
            body: JSON.stringify(orderInput(customerId, productIds[next % productIds.length])),
          };
        },
        onResponse: (status, body) => {
          record(counts, status, body);
        },
      },
    ],
  });
  if (result["2xx"] === 0) {
    const sample = await placeOrder(app, customerId, productIds[0]).catch((error) => ({
      status: "none",
      body: String(error),
    }));
    throw new Error(
      `order.place: no 200 answer in ${result.requests.total} requests (${result.errors} errors, ${result.timeouts} timeouts); ` +
        `status codes ${JSON.stringify(result.statusCodeStats)}; one more order answers ${sample.status} ${sample.body}\n${app.output()}`,
    );
  }
  return {
    ordersPerSecond: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    counts,
  };
}

async function rounds(app, customerId, productIds, options) {
  await placeUnderLoad(app, customerId, productIds, { ...options, seconds: options.warmUpSeconds });
  const results = [];
  for (let round = 0; round < options.rounds; round += 1)
    results.push(await placeUnderLoad(app, customerId, productIds, options));
  return results;
}

// ---------------------------------------------------------------------------------------------
// The circuit

async function circuitOpen(app) {
  const response = await fetch(`${app.origin}/metrics`);
  const text = await response.text();
  return /^outbound_circuit_state\{[^}]*state="open"[^}]*\} 1$/m.test(text);
}

/** Places orders one at a time, the provider down, until the circuit is open: how many it took. */
async function openCircuit(app, customerId, productIds) {
  for (let order = 1; order <= 20; order += 1) {
    await placeOrder(app, customerId, productIds[order % productIds.length]);
    if (await circuitOpen(app)) return order;
  }
  throw new Error(
    `the payment circuit is not open after 20 orders with the provider down (PAYMENT_PROVIDER_BREAKER_FAILURES=${breakerFailures})\n${app.output()}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Recovery after a crash

async function withClient(databaseUrl, run) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function unfinishedOrders(databaseUrl, customerId) {
  const { rows } = await withClient(databaseUrl, (client) =>
    client.query(
      `SELECT id FROM "Order" WHERE "customerId" = $1 AND status NOT IN ('PAID', 'FAILED')`,
      [customerId],
    ),
  );
  return rows.map((row) => row.id);
}

/**
 * Waits until no order of these customers is PENDING (orders whose answer autocannon stopped
 * waiting for are still being placed): how long that took, or undefined after 30 s.
 */
async function settle(databaseUrl, customerIds) {
  const started = performance.now();
  while (performance.now() - started < 30_000) {
    const { rows } = await withClient(databaseUrl, (client) =>
      client.query(
        `SELECT count(*)::int AS count FROM "Order" WHERE "customerId" = ANY($1) AND status = 'PENDING'`,
        [customerIds],
      ),
    );
    if (rows[0].count === 0) return performance.now() - started;
    await sleep(200);
  }
  return undefined;
}

async function chargesReceived(provider) {
  return (await provider.received()).requests.filter((request) => request.path === "/charges")
    .length;
}

/**
 * One pass: orders placed while charges answer slowly, the app killed once the provider has
 * received them all (or 20 s passed), started again; per unfinished order, the time from the kill
 * until order.get shows PAID or FAILED. Returns the new app with the figures.
 */
async function recoveryPass(app, env, { databaseUrl, provider, customerId, productIds, orders }) {
  await provider.reset();
  await provider.behave({ slowAnswers: orders, delayMs: slowChargeMs });
  const inFlight = Array.from({ length: orders }, (_, index) =>
    placeOrder(app, customerId, productIds[index % productIds.length]).catch(() => undefined),
  );
  const deadline = performance.now() + 20_000;
  while ((await chargesReceived(provider)) < orders && performance.now() < deadline)
    await sleep(20);
  const charging = await chargesReceived(provider);

  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGKILL");
  const killedAt = performance.now();
  await exited;
  await Promise.all(inFlight);
  await provider.behave({});
  const ids = await unfinishedOrders(databaseUrl, customerId);

  const restarted = startApp(env);
  const readyAfter = restarted.then(() => performance.now() - killedAt);
  const next = await restarted;
  const finishedAfter = new Map();
  while (finishedAfter.size < ids.length && performance.now() - killedAt < recoveryTimeoutMs) {
    await Promise.all(
      ids
        .filter((id) => !finishedAfter.has(id))
        .map(async (id) => {
          const answer = await query(next, "order.get", { id });
          const status =
            answer.status === 200 ? JSON.parse(answer.body).result.data.status : undefined;
          if (status === "PAID" || status === "FAILED")
            finishedAfter.set(id, performance.now() - killedAt);
        }),
    );
    await sleep(50);
  }
  return {
    app: next,
    figures: {
      charging,
      unfinished: ids.length,
      finished: [...finishedAfter.values()],
      readyAfter: await readyAfter,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Printing

const fixed = (digits) => (value) => value.toFixed(digits);
// autocannon records latencies in whole milliseconds: 0 means under one.
const wholeMs = (value) => (value < 1 ? "<1" : value.toFixed(0));
const seconds1 = (milliseconds) => `${(milliseconds / 1000).toFixed(1)} s`;
const load3 = () => loadavg().map(fixed(2)).join(" ");

/** "PAID 1200 · FAILED 3": every key of `counts` summed over rounds, largest first. */
function summed(list) {
  const total = {};
  for (const counts of list)
    for (const [key, count] of Object.entries(counts)) total[key] = (total[key] ?? 0) + count;
  return Object.entries(total)
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => `${key} ${count}`)
    .join(" · ");
}

function printLoadTable(sections, { seconds, connections }) {
  const width = Math.max(...sections.map((section) => section.title.length));
  const line = (label, cells) =>
    `  ${label.padEnd(width)}  ${cells.map((cell) => cell.padStart(8)).join("  ")}`;
  console.log(
    `\norder.place over HTTP, PostgreSQL, ${connections} connections, closed loop: medians of ${sections[0].results.length} round(s) of ${seconds} s`,
  );
  console.log(line("", ["orders/s", "p50 ms", "p99 ms"]));
  for (const { title, results } of sections) {
    const of = (key) => median(results.map((result) => result[key]));
    console.log(
      line(title, [of("ordersPerSecond").toFixed(0), wholeMs(of("p50")), wholeMs(of("p99"))]),
    );
  }
  console.log(
    "  (orders/s: 200 answers per second, whatever the order's status; latencies of every answer)",
  );
  for (const { title, results } of sections) {
    const list = (key, format) => results.map((result) => format(result[key])).join(" ");
    console.log(
      `  ${title}, per round: orders/s ${list("ordersPerSecond", fixed(0))} · p50 ms ${list("p50", wholeMs)} · p99 ms ${list("p99", wholeMs)}`,
    );
    console.log(
      `    answers, all rounds: HTTP ${summed(results.map((result) => result.counts.http))}; orders ${summed(results.map((result) => result.counts.status))}`,
    );
    const errors = results.reduce((sum, result) => sum + result.errors, 0);
    if (errors > 0)
      console.log(
        `    connection errors ${errors} (timeouts ${results.reduce((sum, result) => sum + result.timeouts, 0)})`,
      );
    const reasons = summed(results.map((result) => result.counts.reasons));
    if (reasons !== "") console.log(`    failure reasons: ${reasons}`);
  }
}

async function printDatabaseCounts(databaseUrl, customers, settledAfter) {
  const settled =
    settledAfter === undefined
      ? "some still PENDING after 30 s"
      : `no order PENDING any more ${seconds1(settledAfter)} after the load`;
  console.log(`\norders in the database by status, per section, warm-ups included (${settled})`);
  await withClient(databaseUrl, async (client) => {
    for (const [title, customerId] of Object.entries(customers)) {
      const { rows } = await client.query(
        `SELECT status, "failureReason", count(*)::int AS count FROM "Order" WHERE "customerId" = $1
         GROUP BY status, "failureReason" ORDER BY count DESC`,
        [customerId],
      );
      const byStatus = {};
      for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + row.count;
      const named = ["PAID", "FAILED", "PENDING"];
      const shown = [
        ...named.map((status) => `${status} ${byStatus[status] ?? 0}`),
        ...Object.entries(byStatus)
          .filter(([status]) => !named.includes(status))
          .map(([status, count]) => `${status} ${count}`),
      ];
      console.log(`  ${title.padEnd(14)} ${shown.join(" · ")}`);
      for (const row of rows.filter((row) => row.failureReason !== null))
        console.log(`    ${row.count} FAILED: ${row.failureReason}`);
    }
  });
}

/** Saga jobs that pg-boss holds for a worker (a backstop job for every order placed), now and 10 s on. */
async function printSagaJobs(databaseUrl) {
  const waiting = () =>
    withClient(databaseUrl, async (client) => {
      const { rows } = await client.query(
        `SELECT count(*)::int AS count FROM pgboss.job
         WHERE name LIKE 'saga.%' AND state IN ('created', 'retry', 'active')`,
      );
      return rows[0].count;
    });
  const before = await waiting();
  await sleep(10_000);
  const after = await waiting();
  console.log(
    `\nsaga jobs queued for the workers once the load is over: ${before}; ${after} 10 s later ` +
      `(${((before - after) / 10).toFixed(1)} jobs/s done). A crashed saga's job waits its turn among them.`,
  );
}

function printRecovery(passes, orders) {
  const all = passes.flatMap((pass) => pass.finished);
  console.log(
    `\nrecovery after SIGKILL, SAGA_LEASE_SECONDS=${leaseSeconds}: ${passes.length} pass(es) of ${orders} orders placed while charges answered after ${seconds1(slowChargeMs)}`,
  );
  console.log("  time from the kill until order.get shows PAID or FAILED, per unfinished order:");
  for (const [index, pass] of passes.entries()) {
    const notFinished = pass.unfinished - pass.finished.length;
    console.log(
      `    pass ${index + 1}: ${pass.charging} charges in flight, ${pass.unfinished} orders unfinished at the kill; ` +
        (pass.finished.length > 0
          ? `max ${seconds1(Math.max(...pass.finished))}, median ${seconds1(median(pass.finished))}`
          : "none finished") +
        `; app ready again after ${seconds1(pass.readyAfter)}` +
        (notFinished > 0
          ? `; ${notFinished} not finished within ${seconds1(recoveryTimeoutMs)}`
          : ""),
    );
  }
  const withFigures = passes.filter((pass) => pass.finished.length > 0);
  if (withFigures.length > 0) {
    console.log(
      `  longest wait: median over passes ${seconds1(median(withFigures.map((pass) => Math.max(...pass.finished))))}, max ${seconds1(Math.max(...all))}; ` +
        `median wait over all ${all.length} orders ${seconds1(median(all))} (SAGA_LEASE_SECONDS=${leaseSeconds})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The benchmark

/** Starts an app on the database with the products, and runs `run(app, productIds)`; stops it. */
async function withApp(env, run) {
  const handle = { app: await startApp(env) };
  try {
    return await run(handle, await createProducts(handle.app));
  } finally {
    await stop(handle.app);
  }
}

async function loadSections(databaseUrl, provider, options) {
  await withApp(appEnv(databaseUrl, provider.url), async ({ app }, productIds) => {
    const customers = {};
    for (const section of ["provider up", "opening", "circuit open"])
      customers[section] = await createCustomer(app, section.replace(" ", "-"));

    const probe = dataOf(
      "order.place",
      await placeOrder(app, customers["provider up"], productIds[0]),
    );
    if (probe.status !== "PAID")
      throw new Error(
        `order.place with the provider up answered an order ${probe.status}: ${JSON.stringify(probe)}`,
      );
    const up = await rounds(app, customers["provider up"], productIds, options);

    // Orders whose answer autocannon stopped waiting for are still being placed: they end before
    // the provider goes down, or they would fail and count towards opening the circuit.
    await settle(databaseUrl, [customers["provider up"]]);
    await provider.down();
    const opened = await openCircuit(app, customers.opening, productIds);
    const open = await rounds(app, customers["circuit open"], productIds, options);
    await provider.up();

    printLoadTable(
      [
        { title: "provider up", results: up },
        { title: "circuit open", results: open },
      ],
      options,
    );
    console.log(
      `  the circuit opened after ${opened} order(s) placed one at a time with the provider down (PAYMENT_PROVIDER_BREAKER_FAILURES=${breakerFailures})`,
    );
    const settledAfter = await settle(databaseUrl, Object.values(customers));
    await printDatabaseCounts(databaseUrl, customers, settledAfter);
    await printSagaJobs(databaseUrl);
  });
}

async function recoverySection(databaseUrl, provider, options) {
  const env = appEnv(databaseUrl, provider.url);
  await withApp(env, async (handle, productIds) => {
    const passes = [];
    for (let pass = 0; pass < options.rounds; pass += 1) {
      // A customer per pass: the orders it has unfinished at the kill are this pass's.
      const customerId = await createCustomer(handle.app, `recovery-${pass + 1}`);
      const outcome = await recoveryPass(handle.app, env, {
        databaseUrl,
        provider,
        customerId,
        productIds,
        orders: options.recoveryOrders,
      });
      handle.app = outcome.app;
      passes.push(outcome.figures);
    }
    printRecovery(passes, options.recoveryOrders);
  });
}

export async function benchOrders() {
  const options = settings();
  runSync("npm", ["run", "build"], { cwd: referenceDir });
  const loadAtStart = load3();
  // Imported here, not above: a TypeScript module, which Node strips of its types on import, and
  // which the other benchmarks have no need to load.
  const { startFakePaymentProvider } =
    await import("../reference-app/test/support/fake-payment-provider-control.ts");
  const provider = await startFakePaymentProvider();
  try {
    await withDatabase((databaseUrl) => loadSections(databaseUrl, provider, options));
    // On a database of its own: the load leaves a queue of saga jobs that recovered sagas would
    // wait behind (printed above), and this section measures the wait that the lease makes.
    await provider.reset();
    await withDatabase((databaseUrl) => recoverySection(databaseUrl, provider, options));
  } finally {
    await provider.stop();
  }
  console.log(
    `\nmachine load (1, 5, 15 min): ${loadAtStart} at start, ${load3()} at end; ${cpus().length} cores`,
  );
}
