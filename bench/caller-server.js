// E of the HTTP benchmark: B with the reference app's own tRPC procedure in its routes. Each route
// calls product.get or product.create of the app router through `createCaller`, as a plain fastify
// route would call a tRPC procedure without serving tRPC over HTTP: the procedure, its middleware
// and its input parser, the product service and its Prisma repository, on the client and pool of B.
// Around the call there is nothing of the app's HTTP platform: no tRPC protocol, no request ids, no
// request logging (the context's logger is silent), no metrics. So E/B is what tRPC's procedure
// call costs, and D/E what the app's HTTP path costs around it. Bundled and started as B is.
import { PrismaPg } from "@prisma/adapter-pg";
import Fastify from "fastify";
import pg from "pg";
import { appRouter } from "../reference-app/src/app-router.js";
import { createProductPrismaRepository } from "../reference-app/src/modules/product/product.repository.prisma.js";
import { createProductService } from "../reference-app/src/modules/product/product.service.js";
import { systemClock } from "../reference-app/src/platform/clock.js";
import { createContextInner } from "../reference-app/src/platform/context.js";
import { createLogger } from "../reference-app/src/platform/logger.js";
import { PrismaClient } from "../reference-app/src/generated/prisma/client.js";
import { createCallerFactory } from "../reference-app/src/trpc.js";

const { DATABASE_URL, HOST = "127.0.0.1", PORT } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
// The one service these procedures use, built as src/services.ts builds it.
const services = {
  product: createProductService({ productRepository: createProductPrismaRepository(prisma), clock: systemClock }),
};
const logger = createLogger({ logLevel: "silent" });
const createCaller = createCallerFactory(appRouter);
const caller = () => createCaller(createContextInner({ services, logger, exposeErrors: false }));
const server = Fastify({ logger: false });

server.get("/ready", () => ({ ready: true }));

server.get("/products/:id", (request) => caller().product.get({ id: request.params.id }));

server.post("/products", async (request, reply) => reply.code(201).send(await caller().product.create(request.body)));

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
