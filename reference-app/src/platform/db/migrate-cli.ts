// `npm run db:migrate` applies pending migrations; `npm run db:status` lists applied and pending
// ones. Both use the configured database (DATABASE_URL, or the PGlite data directory).
import { loadConfig } from "../config.js";
import { migrationsDir, openDatabase } from "./database.js";
import { migrate, migrationStatus } from "./migrator.js";

const command = process.argv[2] ?? "status";
if (command !== "up" && command !== "status") {
  process.stderr.write(`Unknown command "${command}": use "up" or "status"\n`);
  process.exit(1);
}

try {
  const database = await openDatabase(loadConfig(process.env).database);
  try {
    if (command === "up") {
      const { applied } = await database.withSession((session) => migrate(session, migrationsDir));
      process.stdout.write(
        applied.length === 0 ? "Database is up to date.\n" : `Applied: ${applied.join(", ")}\n`,
      );
    } else {
      const status = await database.withSession((session) =>
        migrationStatus(session, migrationsDir),
      );
      const lines = [
        ...status.applied.map(
          (name) => `applied   ${name}${status.modified.includes(name) ? "  (file modified)" : ""}`,
        ),
        ...status.pending.map((name) => `pending   ${name}`),
        ...status.failed.map((name) => `failed    ${name}`),
        ...status.missing.map((name) => `missing   ${name}  (applied, no file here)`),
      ];
      process.stdout.write(lines.length === 0 ? "No migrations.\n" : `${lines.join("\n")}\n`);
      if (status.pending.length > 0 || status.modified.length > 0 || status.failed.length > 0)
        process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
