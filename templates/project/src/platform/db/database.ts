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
   * Connects the Prisma client, which loads its query compiler (WebAssembly) without a round trip
   * to the database: the service starts it before migrating, and the two overlap.
   */
  loadQueryCompiler(): Promise<void>;
  /**
   * Connects the Prisma client, loads its query compiler and runs it once, so that the first
   * request is not a cold one.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

interface ModelDelegate {
  findFirst(args: object): Promise<unknown>;
  findUnique(args: object): Promise<unknown>;
}

async function warmUp(prisma: PrismaClient): Promise<void> {
  await prisma.$connect();
  await prisma.$queryRaw`SELECT 1`;
  // The query compiler is WebAssembly that V8 compiles lazily, a function when a query first needs
  // it: the first list and the first lookup by id would otherwise pay about 10 and 7 ms. One of
  // each, on the first model with an id, compiles that code; the first query of another model then
  // costs a few milliseconds more than its next ones, for Prisma to plan it.
  const namespace = Prisma as unknown as Record<string, Record<string, string> | undefined>;
  const model = Object.values(Prisma.ModelName as Record<string, string>).find(
    (name) => namespace[`${name}ScalarFieldEnum`]?.id !== undefined,
  );
  if (model === undefined) return;
  const delegate = (prisma as unknown as Record<string, ModelDelegate>)[model.charAt(0).toLowerCase() + model.slice(1)];
  await delegate?.findFirst({});
  // Generated models have UUID ids; a hand-written model whose id is not a string refuses this
  // lookup, which only warms up, and the service starts all the same.
  await delegate?.findUnique({ where: { id: "00000000-0000-0000-0000-000000000000" } }).catch((error: unknown) => {
    if (!(error instanceof Prisma.PrismaClientValidationError)) throw error;
  });
}

export interface DatabaseOptions {
  /** Told when a pooled PostgreSQL connection fails while idle. */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Promise<Database> {
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
      loadQueryCompiler: () => prisma.$connect(),
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
    loadQueryCompiler: () => prisma.$connect(),
    warmUp: () => warmUp(prisma),
    async close() {
      await prisma.$disconnect();
      await embedded.close();
    },
  };
}

/** prisma/migrations of this project, from the sources and from the bundle alike. */
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
