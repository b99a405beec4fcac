// tRPC's HTTP protocol served straight from fastify's request and reply. The stock adapter turns
// every call into a Fetch `Request` and `Response` (headers objects, web streams, a chunked reply);
// this file answers the common requests without them and sends everything else to the stock
// adapter unchanged:
//   - handled here: queries over GET and mutations over POST, single calls (httpLink) and
//     batches (httpBatchLink), with a JSON body or none;
//   - sent to the stock adapter: streamed batches (httpBatchStreamLink), subscriptions, FormData
//     and binary inputs, connection params, unknown procedures, mixed query and mutation batches,
//     oversized batches, percent-encoded paths, and any option this file does not implement.
// What it does is what `resolveResponse` in @trpc/server does for the same request, built from what
// @trpc/server exports; test/trpc-http.conformance.test.ts proves the two answer alike. Set
// TRPC_ADAPTER=stock to send every request to the stock adapter.
import {
  TRPCError,
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  transformTRPCResponse,
  type AnyTRPCProcedure,
  type AnyTRPCRootTypes,
  type AnyTRPCRouter,
  type TRPCProcedureType,
  type TRPCRootConfig,
} from "@trpc/server";
import { fastifyRequestHandler, type FastifyHandlerOptions } from "@trpc/server/adapters/fastify";
import { getHTTPStatusCode, type TRPCRequestInfo } from "@trpc/server/http";
import type { TRPCErrorShape, TRPCResponse } from "@trpc/server/rpc";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export type TrpcAdapter = "fast" | "stock";

export type TrpcHandlerOptions = FastifyHandlerOptions<AnyTRPCRouter, FastifyRequest, FastifyReply>;

export interface TrpcHttpOptions {
  /** "stock" sends every request to @trpc/server's own fastify adapter. */
  adapter: TrpcAdapter;
  trpcOptions: TrpcHandlerOptions;
}

type CallOutcome = { data: unknown } | { error: TRPCError };

/** A request the fast path answers: known procedures of one type, read before anything runs. */
interface FastRequest {
  isBatchCall: boolean;
  paths: string[];
  procedures: AnyTRPCProcedure[];
  type: TRPCProcedureType;
  searchParams: URLSearchParams;
}

/**
 * A fastify plugin serving `/:path` under its prefix, as `fastifyTRPCPlugin` does: the same body
 * parsers, the same route, and the stock handler for whatever the fast path leaves alone.
 */
export function trpcHttpPlugin(
  fastify: FastifyInstance,
  options: TrpcHttpOptions,
  done: (error?: Error) => void,
): void {
  // The stock adapter reads JSON bodies as text and streams multipart bodies itself.
  fastify.removeContentTypeParser("application/json");
  fastify.addContentTypeParser(
    "application/json",
    { parseAs: "string" },
    (_request, body, parsed) => {
      parsed(null, body);
    },
  );
  fastify.removeContentTypeParser("multipart/form-data");
  fastify.addContentTypeParser("multipart/form-data", {}, (_request, body, parsed) => {
    parsed(null, body);
  });

  const { trpcOptions } = options;
  const fast = options.adapter === "fast" && fastPathSupports(trpcOptions);

  fastify.all<{ Params: { path: string } }>("/:path", async (request, reply) => {
    const recognised = fast ? recognise(trpcOptions, request) : undefined;
    if (recognised === undefined) {
      await fastifyRequestHandler({
        ...trpcOptions,
        req: request,
        res: reply,
        path: request.params.path,
      });
      return;
    }
    await answer(trpcOptions, recognised, request, reply);
  });
  done();
}

/** Options the fast path implements; with any other, every request goes to the stock adapter. */
function fastPathSupports(options: TrpcHandlerOptions): boolean {
  const { responseMeta, allowMethodOverride } = options;
  const separator =
    (options.router._def._config as { pathSeparator?: string }).pathSeparator ?? ".";
  return (
    responseMeta === undefined &&
    allowMethodOverride !== true &&
    !Object.hasOwn(options, "batching") &&
    separator === "."
  );
}

const plainHost = /^[\w.:[\]-]*$/;

type TrpcRequest = FastifyRequest<{ Params: { path: string } }>;

function recognise(options: TrpcHandlerOptions, request: TrpcRequest): FastRequest | undefined {
  const method = request.method;
  const headers = request.headers;
  const contentType = headers["content-type"];
  if (method === "GET") {
    if (contentType !== undefined && !isJson(contentType)) return undefined;
  } else if (method !== "POST" || contentType === undefined || !isJson(contentType)) {
    return undefined;
  }
  // Streamed batches and other response formats the client asks for.
  if (headers["trpc-accept"] !== undefined || headers.accept?.includes("jsonl") === true)
    return undefined;

  // The stock adapter decodes the path once more and builds a URL from the Host header.
  const path = request.params.path;
  if (
    path === "" ||
    path.includes("%") ||
    !request.url.includes(`/${path}`) ||
    !plainHost.test(headers.host ?? "")
  )
    return undefined;
  const url = request.url;
  const queryStart = url.indexOf("?");
  const searchParams = new URLSearchParams(queryStart === -1 ? "" : url.slice(queryStart + 1));
  if (searchParams.has("connectionParams")) return undefined;

  const isBatchCall = searchParams.get("batch") === "1";
  if (isBatchCall && options.allowBatching === false) return undefined;
  const paths = isBatchCall ? path.split(",") : [path];
  if (isBatchCall && options.maxBatchSize !== undefined && paths.length > options.maxBatchSize)
    return undefined;

  const known = options.router._def.procedures as Record<string, AnyTRPCProcedure | undefined>;
  const procedures: AnyTRPCProcedure[] = [];
  for (const procedurePath of paths) {
    const procedure = Object.hasOwn(known, procedurePath) ? known[procedurePath] : undefined;
    if (procedure === undefined) return undefined;
    procedures.push(procedure);
  }
  const type = procedures[0]?._def.type;
  if (
    type === undefined ||
    type === "subscription" ||
    procedures.some((procedure) => procedure._def.type !== type)
  ) {
    return undefined;
  }
  return { isBatchCall, paths, procedures, type, searchParams };
}

function isJson(contentType: string): boolean {
  return contentType.toLowerCase().split(";", 1)[0]?.trim() === "application/json";
}

/** One request the fast path answers, while it runs: what every step of the answer reads. */
interface Exchange {
  options: TrpcHandlerOptions;
  config: TRPCRootConfig<AnyTRPCRootTypes>;
  fast: FastRequest;
  request: FastifyRequest;
  reply: FastifyReply;
  signal: AbortSignal;
  /** The reply's headers; a call refused for its method adds `allow`. */
  headers: Record<string, string>;
  ctx: unknown;
  /** Why `createContext` failed: every call then fails with it. */
  contextError: TRPCError | undefined;
}

type Call = TRPCRequestInfo["calls"][number];

async function answer(
  options: TrpcHandlerOptions,
  fast: FastRequest,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const config = options.router._def._config as unknown as TRPCRootConfig<AnyTRPCRootTypes>;
  const inputs = readInputs(
    config,
    fast,
    request.method === "GET" ? fast.searchParams.get("input") : request.body,
  );
  const calls = fast.paths.map((path, index): Call => ({
    batchIndex: index,
    path,
    procedure: fast.procedures[index] ?? null,
    getRawInput: () => inputs.read(index),
    result: () => inputs.value(index),
  }));
  const exchange: Exchange = {
    options,
    config,
    fast,
    request,
    reply,
    signal: abortOnDisconnect(reply),
    headers: { vary: "trpc-accept, accept", "content-type": "application/json" },
    ctx: undefined,
    contextError: undefined,
  };
  const info: TRPCRequestInfo = {
    isBatchCall: fast.isBatchCall,
    accept: null,
    calls,
    type: fast.type,
    connectionParams: null,
    signal: exchange.signal,
    get url() {
      return requestUrl(request);
    },
  };
  try {
    exchange.ctx = await options.createContext?.({ req: request, res: reply, info });
  } catch (cause) {
    exchange.contextError = getTRPCErrorFromUnknown(cause);
  }

  try {
    // A request that is no batch holds exactly one call.
    const [single] = calls;
    if (fast.isBatchCall || single === undefined) await answerBatch(exchange, calls);
    else await answerSingle(exchange, single);
  } catch (cause) {
    // Where the stock adapter answers one error for the whole request: a result that only a
    // streaming response can carry, or a formatter or serialiser that throws.
    const error = getTRPCErrorFromUnknown(cause);
    options.onError?.({
      error,
      path: undefined,
      input: undefined,
      ctx: exchange.ctx,
      type: fast.type,
      req: request,
    });
    const response: TRPCResponse = { error: errorShape(exchange, error, undefined) };
    await send(exchange, getHTTPStatusCode(response, [error]), response);
  }
}

async function answerSingle(exchange: Exchange, call: Call): Promise<void> {
  const outcome = await callProcedure(exchange, call);
  // The stock adapter fails the whole request here, before it formats the call's result.
  if ("data" in outcome && isDataStream(outcome.data)) throw streamInPlainResponse();
  const response = responseOf(exchange, outcome, call);
  await send(
    exchange,
    getHTTPStatusCode([response], "error" in outcome ? [outcome.error] : []),
    response,
  );
}

async function answerBatch(exchange: Exchange, calls: Call[]): Promise<void> {
  const settled = (await Promise.all(calls.map((call) => callProcedure(exchange, call)))).map(
    (outcome): CallOutcome =>
      "data" in outcome && isDataStream(outcome.data)
        ? { error: streamInPlainResponse() }
        : outcome,
  );
  const responses = settled.map((outcome, index) => responseOf(exchange, outcome, calls[index]));
  const errors = settled.map((outcome) => ("error" in outcome ? outcome.error : undefined));
  await send(exchange, getHTTPStatusCode(responses, errors), responses);
}

/** Calls one procedure: its result, or the error it ends with, reported to `onError`. */
async function callProcedure(exchange: Exchange, call: Call): Promise<CallOutcome> {
  const { fast, request } = exchange;
  try {
    const accepted = fast.type === "query" ? "GET" : "POST";
    if (request.method !== accepted) {
      // a 405 must list the methods the procedure accepts (RFC 9110 15.5.6)
      exchange.headers.allow = accepted;
      throw new TRPCError({
        code: "METHOD_NOT_SUPPORTED",
        message: `Unsupported ${request.method}-request to ${fast.type} procedure at path "${call.path}"`,
      });
    }
    if (exchange.contextError !== undefined) throw exchange.contextError;
    const data: unknown = await callTRPCProcedure({
      router: exchange.options.router,
      path: call.path,
      getRawInput: call.getRawInput,
      ctx: exchange.ctx,
      type: fast.type,
      signal: exchange.signal,
      batchIndex: call.batchIndex,
    });
    return { data };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    exchange.options.onError?.({
      error,
      path: call.path,
      input: call.result(),
      ctx: exchange.ctx,
      type: fast.type,
      req: request,
    });
    return { error };
  }
}

/** A call's response: its result, or its error in the shape the error formatter gives it. */
function responseOf(
  exchange: Exchange,
  outcome: CallOutcome,
  call: Call | undefined,
): TRPCResponse {
  return "data" in outcome
    ? { result: { data: outcome.data } }
    : { error: errorShape(exchange, outcome.error, call) };
}

function errorShape(exchange: Exchange, error: TRPCError, call: Call | undefined): TRPCErrorShape {
  const { config, ctx, fast } = exchange;
  return getTRPCErrorShape({
    config,
    ctx,
    error,
    input: call?.result(),
    path: call?.path,
    type: fast.type,
  }) as TRPCErrorShape;
}

/**
 * Sends the response as JSON, serialised here. Through a serializer of its own, fastify sends the
 * string as it is, with the content type the stock adapter sends (no charset added), headers and
 * body in one write.
 */
async function send(
  exchange: Exchange,
  status: number,
  response: TRPCResponse | TRPCResponse[],
): Promise<void> {
  const body = JSON.stringify(transformTRPCResponse(exchange.config, response));
  await exchange.reply
    .code(status)
    .headers(exchange.headers)
    .serializer(alreadySerialized)
    .send(body);
}

const alreadySerialized = (payload: unknown): string => payload as string;

interface Inputs {
  /** The input of call `index`, parsed on the first read of any call's input. */
  read(index: number): Promise<unknown>;
  /** The input of call `index` if it has been read; for error shapes and `onError`. */
  value(index: number): unknown;
}

/** The inputs of every call, read once on first use, as the stock adapter reads them. */
function readInputs(
  config: TRPCRootConfig<AnyTRPCRootTypes>,
  fast: FastRequest,
  raw: unknown,
): Inputs {
  let parsed: Record<number, unknown> | undefined;
  let failure: TRPCError | undefined;

  const parse = (): Record<number, unknown> => {
    const text = typeof raw === "string" ? raw : "";
    const inputs: unknown = text === "" ? undefined : JSON.parse(text);
    const byIndex: Record<number, unknown> = Object.create(null) as Record<number, unknown>;
    if (inputs === undefined) return byIndex;
    if (!fast.isBatchCall) {
      byIndex[0] = config.transformer.input.deserialize(inputs);
      return byIndex;
    }
    if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: '"input" needs to be an object when doing a batch call',
      });
    }
    for (const index of fast.paths.keys()) {
      const input = (inputs as Record<number, unknown>)[index];
      if (input !== undefined) byIndex[index] = config.transformer.input.deserialize(input);
    }
    return byIndex;
  };

  return {
    read(index) {
      if (parsed === undefined && failure === undefined) {
        try {
          parsed = parse();
        } catch (cause) {
          failure =
            cause instanceof TRPCError
              ? cause
              : new TRPCError({
                  code: "BAD_REQUEST",
                  message: cause instanceof Error ? cause.message : "Invalid input",
                  cause,
                });
        }
      }
      if (failure !== undefined) return Promise.reject(failure);
      return Promise.resolve(parsed?.[index]);
    },
    value: (index) => parsed?.[index],
  };
}

/**
 * Aborts when the client goes away before the reply is sent, like the stock adapter's request
 * signal.
 */
function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableEnded) controller.abort();
  });
  return controller.signal;
}

function requestUrl(request: FastifyRequest): URL | null {
  const encrypted = "encrypted" in request.raw.socket && request.raw.socket.encrypted === true;
  try {
    return new URL(
      request.url,
      `${encrypted ? "https:" : "http:"}//${request.headers.host ?? "localhost"}`,
    );
  } catch {
    return null;
  }
}

function streamInPlainResponse(): TRPCError {
  return new TRPCError({
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
  });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isAsyncIterable = (value: unknown): boolean =>
  isObject(value) && Symbol.asyncIterator in value;

const isPromise = (value: unknown): boolean =>
  (isObject(value) || typeof value === "function") &&
  typeof (value as { then?: unknown }).then === "function" &&
  typeof (value as { catch?: unknown }).catch === "function";

/**
 * A value only a streaming response can carry: an async iterable, or an object holding promises or
 * iterables.
 */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromise) || values.some(isAsyncIterable);
}
