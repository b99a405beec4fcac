// A fake payment provider: a process of its own that speaks the provider's HTTP API as written in
// docs/payment-provider.md, so that the payment client is tested over a real socket.
//
//   POST /charges  { "amount": "12.50", "currency": "EUR", "reference": "<order id>" }
//                  + Idempotency-Key  ->  201 { "id", "status": "succeeded" } | 402 { "error": "declined" }
//   POST /refunds  { "charge": "<charge id>" } + Idempotency-Key  ->  201 { "id" }
//
// The same key on the same path always gets the first answer, whatever the body; a 5xx answer is
// not an answer to remember (nothing happened), so a retry after one is served afresh. Started by
// fake-payment-provider-control.ts, it takes commands over the IPC channel: decline, fail (5xx),
// answer slowly (after making the charge, as a provider that times out does), be down (connection
// refused, state kept), and report what it received. Run on its own, it listens on PORT and
// succeeds at everything:
//   PORT=4010 node --import tsx test/support/fake-payment-provider.ts
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as z from "zod";

export interface Behaviour {
  /** New charges are declined (402) instead of succeeding. */
  decline: boolean;
  /** How many next requests answer `failStatus` and do nothing; Infinity for every one. */
  failures: number;
  failStatus: number;
  /** How many next requests answer only after `delayMs`, their effect already made. */
  slowAnswers: number;
  delayMs: number;
}

export interface ReceivedRequest {
  path: string;
  idempotencyKey: string | undefined;
  body: unknown;
  /** What it answered, or was answering when the client went away. */
  status: number;
}

export interface Charge {
  id: string;
  amount: string;
  currency: string;
  reference: string;
  idempotencyKey: string;
}

export interface Refund {
  id: string;
  charge: string;
  idempotencyKey: string;
}

export interface Received {
  /** Every request, in the order it arrived. */
  requests: ReceivedRequest[];
  /** Charges made: money taken. */
  charges: Charge[];
  /** Charges refused with 402. */
  declined: Omit<Charge, "id">[];
  refunds: Refund[];
}

export type Command =
  | { command: "behave"; behaviour: Partial<Behaviour> }
  | { command: "received" }
  | { command: "reset" }
  | { command: "down" }
  | { command: "up" };

/** What the process says over IPC: that it listens, or the answer to a command. */
export type Report = { listening: string } | { id: number; result: unknown };

const normal: Behaviour = {
  decline: false,
  failures: 0,
  failStatus: 503,
  slowAnswers: 0,
  delayMs: 0,
};

const chargeRequest = z.object({
  amount: z.string().regex(/^\d+(\.\d{1,2})?$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reference: z.string().min(1),
});
const refundRequest = z.object({ charge: z.string().min(1) });

interface Answer {
  status: number;
  body: unknown;
}

let behaviour: Behaviour = { ...normal };
let received: Received = { requests: [], charges: [], declined: [], refunds: [] };
/** The first answer given to each key, per path. */
let answers = new Map<string, Answer>();
let refunded = new Set<string>();

function handle(path: string, idempotencyKey: string | undefined, body: unknown): Answer {
  if (behaviour.failures > 0) {
    behaviour.failures -= 1;
    return { status: behaviour.failStatus, body: { error: "unavailable" } };
  }
  if (path !== "/charges" && path !== "/refunds")
    return { status: 404, body: { error: "not found" } };
  if (idempotencyKey === undefined || idempotencyKey === "")
    return { status: 400, body: { error: "an Idempotency-Key header is required" } };
  const remembered = answers.get(`${path} ${idempotencyKey}`);
  if (remembered !== undefined) return remembered;
  const answer = path === "/charges" ? charge(idempotencyKey, body) : refund(idempotencyKey, body);
  if (answer.status !== 400) answers.set(`${path} ${idempotencyKey}`, answer);
  return answer;
}

function charge(idempotencyKey: string, body: unknown): Answer {
  const parsed = chargeRequest.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: "invalid charge" } };
  if (behaviour.decline) {
    received.declined.push({ ...parsed.data, idempotencyKey });
    return { status: 402, body: { error: "declined" } };
  }
  const id = `ch_${randomUUID()}`;
  received.charges.push({ id, ...parsed.data, idempotencyKey });
  return { status: 201, body: { id, status: "succeeded" } };
}

function refund(idempotencyKey: string, body: unknown): Answer {
  const parsed = refundRequest.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: "invalid refund" } };
  if (!received.charges.some((made) => made.id === parsed.data.charge))
    return { status: 404, body: { error: "unknown charge" } };
  if (refunded.has(parsed.data.charge)) return { status: 409, body: { error: "already refunded" } };
  refunded.add(parsed.data.charge);
  const id = `re_${randomUUID()}`;
  received.refunds.push({ id, charge: parsed.data.charge, idempotencyKey });
  return { status: 201, body: { id } };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? "/", "http://provider").pathname;
  const key = request.headers["idempotency-key"];
  const idempotencyKey = Array.isArray(key) ? key[0] : key;
  const body = request.method === "POST" ? await readJson(request) : undefined;
  const answer =
    request.method === "POST"
      ? handle(path, idempotencyKey, body)
      : { status: 405, body: { error: "method not allowed" } };
  received.requests.push({ path, idempotencyKey, body, status: answer.status });
  if (behaviour.slowAnswers > 0) {
    behaviour.slowAnswers -= 1;
    await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
  }
  if (response.destroyed) return;
  response
    .writeHead(answer.status, { "content-type": "application/json" })
    .end(JSON.stringify(answer.body));
}

const server = createServer((request, response) => {
  serve(request, response).catch((error: unknown) => {
    response.destroy(error as Error);
  });
});
let port = Number(process.env.PORT ?? 0);

function listen(): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      port = (server.address() as AddressInfo).port;
      resolve(`http://127.0.0.1:${String(port)}`);
    });
  });
}

function close(): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

async function run(command: Command): Promise<unknown> {
  switch (command.command) {
    case "behave":
      behaviour = { ...normal, ...command.behaviour };
      return behaviour;
    case "received":
      return received;
    case "reset":
      behaviour = { ...normal };
      received = { requests: [], charges: [], declined: [], refunds: [] };
      answers = new Map();
      refunded = new Set();
      return undefined;
    case "down":
      await close();
      return undefined;
    case "up":
      return listen();
  }
}

const url = await listen();
if (process.send === undefined) {
  process.stdout.write(`fake payment provider listening on ${url}\n`);
} else {
  process.on("message", (message: { id: number } & Command) => {
    void run(message).then((result) => process.send?.({ id: message.id, result } satisfies Report));
  });
  // The controller going away (a test run that ended, or crashed) ends this process too.
  process.on("disconnect", () => {
    void close().then(() => process.exit(0));
  });
  process.send({ listening: url } satisfies Report);
}
