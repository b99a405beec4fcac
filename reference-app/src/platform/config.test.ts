import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ConfigError, loadConfig, parseEnv } from "./config.js";

describe("loadConfig", () => {
  it("uses the embedded database and safe defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: "development",
      host: "127.0.0.1",
      port: 3000,
      logLevel: "info",
      database: { kind: "pglite", dataDir: ".data/pglite" },
      trpcAdapter: "fast",
    });
  });

  it("sends every tRPC request to the stock adapter when TRPC_ADAPTER=stock", () => {
    expect(loadConfig({ TRPC_ADAPTER: "stock" }).trpcAdapter).toBe("stock");
  });

  it("switches to PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://app@db.internal:5432/app" });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgresql://app@db.internal:5432/app",
    });
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).port).toBe(3000);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["LOG_LEVEL", "verbose"],
    ["NODE_ENV", "staging"],
    ["DATABASE_URL", "mysql://localhost/app"],
    ["SHUTDOWN_TIMEOUT_MS", "-5"],
    ["TRPC_ADAPTER", "express"],
    ["MIGRATE_ON_START", "sometimes"],
  ])("refuses %s=%s with a message that names the variable", (name, value) => {
    const env = { [name]: value };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${name}: `));
  });

  it("applies migrations at start unless MIGRATE_ON_START=false", () => {
    const env = {};
    expect(loadConfig(env).migrateOnStart).toBe(true);
    expect(loadConfig({ ...env, MIGRATE_ON_START: "false" }).migrateOnStart).toBe(false);
    expect(loadConfig({ ...env, MIGRATE_ON_START: "true" }).migrateOnStart).toBe(true);
  });

  it("names every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "x", LOG_LEVEL: "loud" })).toThrow(/PORT: .*; LOG_LEVEL: /);
  });
});

describe("parseEnv", () => {
  const schema = z.object({
    RETRIES: z.coerce.number().int().min(0).default(3),
    TARGET_URL: z.url(),
  });

  it("reads a module's own variables, with defaults for the unset and empty ones", () => {
    expect(parseEnv(schema, { TARGET_URL: "http://127.0.0.1:9", RETRIES: "" })).toEqual({
      RETRIES: 3,
      TARGET_URL: "http://127.0.0.1:9",
    });
  });

  it("refuses bad variables with one ConfigError naming each", () => {
    expect(() => parseEnv(schema, { RETRIES: "-1" })).toThrow(ConfigError);
    expect(() => parseEnv(schema, { RETRIES: "-1" })).toThrow(/RETRIES: .*; TARGET_URL: /);
  });
});
