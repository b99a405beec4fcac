// B of the HTTP benchmark: fastify and the reference app's own generated Prisma client, created
// the way the app creates it (bench/prisma-database.js), with the same two routes as A and no other
// layer. The client is TypeScript under reference-app/src/generated, so bench/http.js bundles this
// file as the app's build bundles the app (esbuild), and starts the bundle.
import Fastify from "fastify";
import { openPrisma, serve } from "./prisma-database.js";

const { DATABASE_URL, HOST = "127.0.0.1", PORT } = process.env;
const database = openPrisma(DATABASE_URL);
const { prisma } = database;
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

await serve(server, database, { host: HOST, port: Number(PORT) });
