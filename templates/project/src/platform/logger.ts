// The process-wide pino logger: JSON lines on stdout. Fastify derives a child logger per request
// from it, so every line written while serving a request carries that request's `requestId`.
import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

export function createLogger(config: Pick<Config, "logLevel">, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie"], censor: "[redacted]" },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
