// The process-wide pino logger: JSON lines on stdout. Fastify derives a child logger per request
// from it, so every line written while serving a request carries that request's `requestId`.
// In development on a terminal (`npm run dev`), pino-pretty (a devDependency, absent from the
// production install) prints the same lines readably; anywhere else, including tests, they stay
// JSON.
import { pino, type Logger } from "pino";
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
  if (config.env === "development" && process.stdout.isTTY && prettyAvailable()) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
      },
    });
  }
  return pino(options);
}

function prettyAvailable(): boolean {
  try {
    import.meta.resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}
