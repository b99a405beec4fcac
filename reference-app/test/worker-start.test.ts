// A worker that cannot start stops the service. Workers start once the server listens (ADR 0009),
// so the service has already answered /ready by then: it shuts down and exits with 1. Here the
// saga engine's worker cannot start because pg-boss may not create its schema: the service runs
// as a role that may use the migrated tables but create nothing, with MIGRATE_ON_START=false.
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { migrationsDir } from "../src/platform/db/database.js";
import { migrate } from "../src/platform/db/migrator.js";
import { adminQuery, databaseKinds, freshDatabase } from "./support/database.js";
import { runMain } from "./support/service-process.js";

const postgres = databaseKinds.find((each) => each.kind === "postgres");
const postgresUrl = inject("postgresUrl") ?? "";

describe.skipIf(postgres?.skip !== false)("a worker that cannot start", () => {
  it("stops the service after it listened, with the reason in one log line and exit code 1", async ({
    skip,
  }) => {
    if (!(await mayCreateRoles())) skip("the role of DATABASE_URL may not create roles");
    const fresh = await freshDatabase("postgres");
    const role = `no_create_${randomBytes(4).toString("hex")}`;
    try {
      const { database } = fresh;
      if (database.connection.kind !== "postgres") throw new Error("expected PostgreSQL");
      await database.withSession((session) => migrate(session, migrationsDir));
      await database.withSession((session) =>
        session.exec(
          `CREATE ROLE ${role} LOGIN;
           GRANT USAGE ON SCHEMA public TO ${role};
           GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};`,
        ),
      );
      const url = new URL(database.connection.url);
      url.username = role;

      const { code, stdout } = await runMain([], {
        ...process.env,
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "info",
        DATABASE_URL: url.toString(),
        MIGRATE_ON_START: "false",
      });

      expect(code).toBe(1);
      const messages = stdout
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => String((JSON.parse(line) as { msg: unknown }).msg));
      const listening = messages.findIndex((message) => message.startsWith("Server listening"));
      const fatal = messages.findIndex((message) => message.startsWith("could not start:"));
      expect(listening).toBeGreaterThan(-1);
      expect(fatal).toBeGreaterThan(listening);
      expect(messages[fatal]).toMatch(/^could not start: permission denied for database/);
      expect(messages).toContain("a worker failed to start");
      expect(messages.filter((message) => message.startsWith("could not start:"))).toHaveLength(1);
    } finally {
      await fresh.dispose();
      // A role outlives its database; it owns nothing once the database is gone.
      await adminQuery(postgresUrl, `DROP ROLE IF EXISTS ${role}`);
    }
  }, 60_000);
});

async function mayCreateRoles(): Promise<boolean> {
  const [role] = await adminQuery<{ may: boolean }>(
    postgresUrl,
    "SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user",
  );
  return role?.may === true;
}
