// B of the HTTP benchmark: fastify and the reference app's own generated Prisma client, created
// the way reference-app/src/platform/db/postgres.ts and database.ts create it (@prisma/adapter-pg
// on a pool of 10), with the same two routes as A and no other layer. The client is TypeScript
// under reference-app/src/generated, so bench/http.js bundles this file as the app's build bundles
// the app (esbuild), and starts the bundle.
import { PrismaPg } from "@prisma/adapter-pg";
import Fastify from "fastify";
import pg from "pg";
import { PrismaClient } from "../reference-app/src/generated/prisma/client.js";

const { DATABASE_URL, HOST = "127.0.0.1", PORT } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
const server = Fastify({ logger: false });

server.get("/ready", () => ({ ready: true }));

server.get("/products/:id", async (request, reply) => {
  const product = await prisma.product.findUnique({ where: { id: request.params.id } });
  if (product === null) return reply.code(404).send({ error: "not found" });
  return product;
});

// The data the app's Prisma repository passes for the same input: the validated fields with the
// status default filled in, and both timestamps from its clock.
server.post("/products", async (request, reply) => {
  const { sku, name, price, stock } = request.body;
  const now = new Date();
  const product = await prisma.product.create({
    data: { sku, name, price, stock, status: "DRAFT", createdAt: now, updatedAt: now },
  });
  return reply.code(201).send(product);
});

// As the app does before it reports ready: connect and load the query compiler.
await prisma.$connect();
await prisma.$queryRaw`SELECT 1`;
await server.listen({ host: HOST, port: Number(PORT) });
process.once("SIGTERM", () => {
  void server
    .close()
    .then(() => prisma.$disconnect())
    .then(() => pool.end());
});
