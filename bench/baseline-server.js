// A of the HTTP benchmark, the yardstick: fastify and node-postgres with no layers. It reads and
// inserts a Product as the reference app does, through named prepared statements (parsed and
// planned once per connection), and writes the same columns the app's Prisma repository writes.
// Started by bench/http.js with DATABASE_URL and PORT, on a database the reference app has migrated.
import { randomUUID } from "node:crypto";
import Fastify from "fastify";
import pg from "pg";

const { DATABASE_URL, HOST = "127.0.0.1", PORT } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const server = Fastify({ logger: false });

const productById = {
  name: "product-by-id",
  text: 'SELECT * FROM "Product" WHERE "id" = $1',
};

// Prisma fills the id (a v4 uuid) and both timestamps in the client; status and version are the
// schema's defaults, and description is absent from the benchmark's input.
const insertProduct = {
  name: "product-insert",
  text: `INSERT INTO "Product" ("id", "sku", "name", "description", "price", "stock", "status", "createdAt", "updatedAt", "version")
    VALUES ($1, $2, $3, NULL, $4, $5, 'DRAFT', $6, $6, 0) RETURNING *`,
};

server.get("/ready", () => ({ ready: true }));

server.get("/products/:id", async (request, reply) => {
  const { rows } = await pool.query({ ...productById, values: [request.params.id] });
  if (rows.length === 0) return reply.code(404).send({ error: "not found" });
  return rows[0];
});

server.post("/products", async (request, reply) => {
  const { sku, name, price, stock } = request.body;
  // ISO text, so that the timestamp columns (without time zone) hold UTC as Prisma writes them.
  const now = new Date().toISOString();
  const { rows } = await pool.query({ ...insertProduct, values: [randomUUID(), sku, name, price, stock, now] });
  return reply.code(201).send(rows[0]);
});

await server.listen({ host: HOST, port: Number(PORT) });
process.once("SIGTERM", () => {
  void server.close().then(() => pool.end());
});
