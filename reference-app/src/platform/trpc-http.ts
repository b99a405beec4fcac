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

async function answer(
  options: TrpcHandlerOptions,
  fast: FastRequest,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const { router, onError } = options;
  const config = router._def._config as unknown as TRPCRootConfig<AnyTRPCRootTypes>;
  const signal = abortOnDisconnect(reply);
  const inputs = inputReader(
    router,
    fast,
    request.method === "GET" ? fast.searchParams.get("input") : request.body,
  );
  const calls = fast.paths.map((path, index) => ({
    batchIndex: index,
    path,
    procedure: fast.procedures[index] ?? null,
    getRawInput: () => inputs.read().then((read) => read[index]),
    result: () => inputs.result()?.[index],
  }));
  const info: TRPCRequestInfo = {
    isBatchCall: fast.isBatchCall,
    accept: null,
    calls,
    type: fast.type,
    connectionParams: null,
    signal,
    get url() {
      return requestUrl(request);
    },
  };
  const headers: Record<string, string> = { vary: "trpc-accept, accept" };
  let ctx: unknown;
  let contextError: TRPCError | undefined;
  const errorShape = (error: TRPCError, call: (typeof calls)[number] | undefined) =>
    getTRPCErrorShape({
      config,
      ctx,
      error,
      input: call?.result(),
      path: call?.path,
      type: fast.type,
    }) as TRPCErrorShape;

  try {
    try {
      ctx = await options.createContext?.({ req: request, res: reply, info });
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause);
    }
    const accepted = fast.type === "query" ? "GET" : "POST";
    const outcomes = calls.map(async (call): Promise<CallOutcome> => {
      try {
        if (request.method !== accepted) {
          // a 405 must list the methods the procedure accepts (RFC 9110 15.5.6)
          headers.allow = accepted;
          throw new TRPCError({
            code: "METHOD_NOT_SUPPORTED",
            message: `Unsupported ${request.method}-request to ${fast.type} procedure at path "${call.path}"`,
          });
        }
        if (contextError !== undefined) throw contextError;
        const data: unknown = await callTRPCProcedure({
          router,
          path: call.path,
          getRawInput: call.getRawInput,
          ctx,
          type: fast.type,
          signal,
          batchIndex: call.batchIndex,
        });
        return { data };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError?.({
          error,
          path: call.path,
          input: call.result(),
          ctx,
          type: fast.type,
          req: request,
        });
        return { error };
      }
    });

    headers["content-type"] = "application/json";
    if (!fast.isBatchCall) {
      const [outcome] = (await Promise.all(outcomes)) as [CallOutcome];
      // The stock adapter fails the whole request here, before it formats the call's result.
      if ("data" in outcome && isDataStream(outcome.data)) throw streamInPlainResponse();
      const response: TRPCResponse =
        "data" in outcome
          ? { result: { data: outcome.data } }
          : { error: errorShape(outcome.error, calls[0]) };
      const errors = "error" in outcome ? [outcome.error] : [];
      await send(
        reply,
        getHTTPStatusCode([response], errors),
        headers,
        JSON.stringify(transformTRPCResponse(config, response)),
      );
      return;
    }

    const settled = (await Promise.all(outcomes)).map((outcome): CallOutcome =>
      "data" in outcome && isDataStream(outcome.data)
        ? { error: streamInPlainResponse() }
        : outcome,
    );
    const responses = settled.map((outcome, index): TRPCResponse =>
      "data" in outcome
        ? { result: { data: outcome.data } }
        : { error: errorShape(outcome.error, calls[index]) },
    );
    const errors = settled.map((outcome) => ("error" in outcome ? outcome.error : undefined));
    await send(
      reply,
      getHTTPStatusCode(responses, errors),
      headers,
      JSON.stringify(transformTRPCResponse(config, responses)),
    );
  } catch (cause) {
    // Where the stock adapter answers one error for the whole request: a result that only a
    // streaming response can carry, or a formatter or serialiser that throws.
    const error = getTRPCErrorFromUnknown(cause);
    onError?.({ error, path: undefined, input: undefined, ctx, type: fast.type, req: request });
    const response: TRPCResponse = { error: errorShape(error, undefined) };
    await send(
      reply,
      getHTTPStatusCode(response, [error]),
      headers,
      JSON.stringify(transformTRPCResponse(config, response)),
    );
  }
}

async function send(
  reply: FastifyReply,
  status: number,
  headers: Record<string, string>,
  body: string,
): Promise<void> {
  // The body is already JSON. Through a serializer of its own, fastify sends the string as it is,
  // with the content type the stock adapter sends (no charset added), headers and body in one
  // write.
  await reply.code(status).headers(headers).serializer(alreadySerialized).send(body);
}

const alreadySerialized = (payload: unknown): string => payload as string;

/** The inputs of every call, read once on first use, as the stock adapter reads them. */
function inputReader(router: AnyTRPCRouter, fast: FastRequest, raw: unknown) {
  const deserialize = (value: unknown): unknown =>
    router._def._config.transformer.input.deserialize(value);
  let value: Record<number, unknown> | undefined;
  let failure: TRPCError | undefined;

  const parse = (): Record<number, unknown> => {
    const text = typeof raw === "string" ? raw : "";
    const inputs: unknown = text === "" ? undefined : JSON.parse(text);
    const byIndex: Record<number, unknown> = Object.create(null) as Record<number, unknown>;
    if (inputs === undefined) return byIndex;
    if (!fast.isBatchCall) {
      byIndex[0] = deserialize(inputs);
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
      if (input !== undefined) byIndex[index] = deserialize(input);
    }
    return byIndex;
  };

  return {
    read(): Promise<Record<number, unknown>> {
      if (value !== undefined) return Promise.resolve(value);
      if (failure === undefined) {
        try {
          value = parse();
          return Promise.resolve(value);
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
      return Promise.reject(failure);
    },
    result: (): Record<number, unknown> | undefined => value,
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
