// The yardstick for the HTTP benchmark: a plain fastify route that runs the same get-by-id query
// through node-postgres, with no layers. Started by bench/run.js as its own process.
import Fastify from "fastify";
import pg from "pg";

const { DATABASE_URL, PORT, TABLE } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const server = Fastify({ logger: false });

server.get("/rows/:id", async (request, reply) => {
  const { rows } = await pool.query(`SELECT * FROM "${TABLE}" WHERE "id" = $1`, [request.params.id]);
  if (rows.length === 0) return reply.code(404).send({ error: "not found" });
  return rows[0];
});

await server.listen({ host: "127.0.0.1", port: Number(PORT) });
process.stdout.write("listening\n");
process.once("SIGTERM", () => {
  void server.close().then(() => pool.end());
});
