// The process-wide pino logger: JSON lines on stdout. Fastify derives a child logger per request
// from it, so every line written while serving a request carries that request's `requestId`.
// In development on a terminal (`npm run dev`), pino-pretty (a devDependency, absent from the
// production install) prints the same lines readably; anywhere else, including tests, they stay
// JSON. pino-pretty runs as a stream in this process, not as a pino transport: a transport starts
// a worker from a file beside pino's own modules, which the production bundle does not keep.
import { createRequire } from "node:module";
import { pino, type Logger } from "pino";
import type PinoPretty from "pino-pretty";
import type { Config } from "./config.js";

export type { Logger };

export function createLogger(
  config: Pick<Config, "logLevel"> & Partial<Pick<Config, "env">>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie"], censor: "[redacted]" },
  };
  if (destination !== undefined) return pino(options, destination);
  const pretty = config.env === "development" && process.stdout.isTTY ? loadPretty() : undefined;
  if (pretty !== undefined) {
    return pino(options, pretty({ translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }));
  }
  return pino(options);
}

/** pino-pretty if it is installed (a development install), otherwise undefined. */
function loadPretty(): typeof PinoPretty | undefined {
  try {
    return createRequire(import.meta.url)("pino-pretty") as typeof PinoPretty;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}
