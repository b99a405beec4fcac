// Configuration, read once from the environment at start and validated with zod. A bad or missing
// variable stops the process with a message that names it (see loadConfig). Add the platform's
// settings here: the rest of the code receives a typed Config. A module with settings of its own
// reads them from `Config.environment` with `parseEnv`, which refuses bad ones the same way.
import * as z from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const envSchema = z.object({
  SERVICE_NAME: z.string().min(1).default("reference-app"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  MIGRATE_ON_START: z.stringbool({ error: "must be true or false" }).default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  TRPC_ADAPTER: z.enum(["fast", "stock"]).default("fast"),
});

export type DatabaseConfig =
  | {
      kind: "pglite";
      /** A directory, or "memory" for a database that lives only in this process. */
      dataDir: string;
    }
  | { kind: "postgres"; url: string };

export interface Config {
  serviceName: string;
  env: "development" | "test" | "production";
  host: string;
  port: number;
  logLevel: (typeof logLevels)[number];
  database: DatabaseConfig;
  /**
   * Apply pending migrations at start (true), or only check that none is pending and refuse to
   * start if one is (false).
   */
  migrateOnStart: boolean;
  shutdownTimeoutMs: number;
  /**
   * How tRPC is served over HTTP: the fast path (stock adapter for what it leaves alone), or the
   * stock adapter only.
   */
  trpcAdapter: "fast" | "stock";
  /**
   * The variables this configuration was read from, for modules that read settings of their own
   * with `parseEnv` (so that tests hand every module the same environment).
   */
  environment: Readonly<Record<string, string | undefined>>;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Reads environment variables through a zod schema; a bad or missing variable throws a ConfigError
 * that names every problem. Modules with settings of their own read them with it too.
 */
export function parseEnv<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
): z.infer<Schema> {
  // Empty strings count as unset, as they do in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  return parsed.data;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const vars = parseEnv(envSchema, env);
  return {
    serviceName: vars.SERVICE_NAME,
    env: vars.NODE_ENV,
    host: vars.HOST,
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    database:
      vars.DATABASE_URL === undefined
        ? { kind: "pglite", dataDir: vars.PGLITE_DATA_DIR }
        : { kind: "postgres", url: vars.DATABASE_URL },
    migrateOnStart: vars.MIGRATE_ON_START,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    trpcAdapter: vars.TRPC_ADAPTER,
    environment: Object.freeze({ ...env }),
  };
}
