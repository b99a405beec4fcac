// Opens the configured database (embedded PGlite, or a PostgreSQL server when DATABASE_URL is set)
// and gives the rest of the service one Prisma client, a way to run raw SQL sessions, a health
// probe and a clean close. The Prisma client is created here and nowhere else.
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Prisma, PrismaClient } from "../../generated/prisma/client.js";
import type { DatabaseConfig } from "../config.js";
import { projectRoot } from "../project-root.js";
import { openPostgres } from "./postgres.js";
import type { SqlSession } from "./sql-session.js";

export interface Database {
  kind: DatabaseConfig["kind"];
  prisma: PrismaClient;
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * What a library that speaks to the database itself (a job queue, say) needs: the embedded
   * PGlite, whose single connection it must share, or the server's URL, to open connections of its
   * own.
   */
  connection: { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; url: string };
  ping(): Promise<void>;
  /**
   * Connects the Prisma client, loads its query compiler and runs it once, so that the first
   * request is not a cold one.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

async function warmUp(prisma: PrismaClient): Promise<void> {
  await prisma.$connect();
  await prisma.$queryRaw`SELECT 1`;
  // One query of a model runs the query compiler's own code once: V8 compiles WebAssembly lazily,
  // and the first model query would otherwise pay for it (about ten milliseconds).
  const models: readonly string[] = Object.values(Prisma.ModelName);
  const [model] = models;
  if (model === undefined) return;
  const delegates = prisma as unknown as Record<
    string,
    { findFirst(args: object): Promise<unknown> } | undefined
  >;
  await delegates[model.charAt(0).toLowerCase() + model.slice(1)]?.findFirst({});
}

export interface DatabaseOptions {
  /** Told when a pooled PostgreSQL connection fails while idle. */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(
  config: DatabaseConfig,
  options: DatabaseOptions = {},
): Promise<Database> {
  if (config.kind === "postgres") {
    const server = openPostgres(config.url, options);
    const prisma = new PrismaClient({ adapter: server.adapter });
    return {
      kind: "postgres",
      prisma,
      connection: { kind: "postgres", url: config.url },
      withSession: (fn) => server.withSession(fn),
      ping: () =>
        server.withSession(async (session) => {
          await session.query("SELECT 1");
        }),
      warmUp: () => warmUp(prisma),
      async close() {
        await prisma.$disconnect();
        await server.close();
      },
    };
  }
  // Loaded only when used, so a service on a PostgreSQL server never loads PGlite's WebAssembly.
  const { openPglite } = await import("./pglite.js");
  const embedded = await openPglite(config.dataDir);
  const prisma = new PrismaClient({ adapter: embedded.adapter });
  // PGlite has a single session: serialize raw sessions so that two callers never interleave
  // statements of their transactions.
  let queue: Promise<unknown> = Promise.resolve();
  const withSession = <T>(fn: (session: SqlSession) => Promise<T>): Promise<T> => {
    const run = queue.then(() => fn(embedded.session));
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    kind: "pglite",
    prisma,
    withSession,
    connection: { kind: "pglite", pglite: embedded.pglite },
    ping: () =>
      withSession(async (session) => {
        await session.query("SELECT 1");
      }),
    warmUp: () => warmUp(prisma),
    async close() {
      await prisma.$disconnect();
      await embedded.close();
    },
  };
}

/** prisma/migrations of this project, from the sources and from the bundle alike. */
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
