// The database of B and E: the reference app's own generated Prisma client on @prisma/adapter-pg
// with a pool of 10, as reference-app/src/platform/db/postgres.ts and database.ts create it; and
// how both servers start and stop around it.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../reference-app/src/generated/prisma/client.js";

export function openPrisma(databaseUrl) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  return { pool, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

/**
 * Connects and loads the query compiler, as the app does before it reports ready, then listens;
 * on SIGTERM, closes the server, then Prisma, then the pool.
 */
export async function serve(server, { pool, prisma }, { host, port }) {
  await prisma.$connect();
  await prisma.$queryRaw`SELECT 1`;
  await server.listen({ host, port });
  process.once("SIGTERM", () => {
    void server
      .close()
      .then(() => prisma.$disconnect())
      .then(() => pool.end());
  });
}
