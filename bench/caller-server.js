// E of the HTTP benchmark: B with the reference app's own tRPC procedure in its routes. Each route
// calls product.get or product.create of the app router through `createCaller`, as a plain fastify
// route would call a tRPC procedure without serving tRPC over HTTP: the procedure, its middleware
// and its input parser, the product service and its Prisma repository, on the database of B
// (bench/prisma-database.js).
// Around the call there is nothing of the app's HTTP platform: no tRPC protocol, no request ids, no
// request logging (the context's logger is silent), no metrics. So E/B is what tRPC's procedure
// call costs, and D/E what the app's HTTP path costs around it. Bundled and started as B is.
import Fastify from "fastify";
import { appRouter } from "../reference-app/src/app-router.js";
import { createProductPrismaRepository } from "../reference-app/src/modules/product/product.repository.prisma.js";
import { createProductService } from "../reference-app/src/modules/product/product.service.js";
import { systemClock } from "../reference-app/src/platform/clock.js";
import { createContextInner } from "../reference-app/src/platform/context.js";
import { createLogger } from "../reference-app/src/platform/logger.js";
import { createCallerFactory } from "../reference-app/src/trpc.js";
import { openPrisma, serve } from "./prisma-database.js";

const { DATABASE_URL, HOST = "127.0.0.1", PORT } = process.env;
const database = openPrisma(DATABASE_URL);
// The one service these procedures use, built as src/services.ts builds it.
const services = {
  product: createProductService({ productRepository: createProductPrismaRepository(database.prisma), clock: systemClock }),
};
const logger = createLogger({ logLevel: "silent" });
const createCaller = createCallerFactory(appRouter);
const caller = () => createCaller(createContextInner({ services, logger, exposeErrors: false }));
const server = Fastify({ logger: false });

server.get("/ready", () => ({ ready: true }));

server.get("/products/:id", (request) => caller().product.get({ id: request.params.id }));

server.post("/products", async (request, reply) => reply.code(201).send(await caller().product.create(request.body)));

await serve(server, database, { host: HOST, port: Number(PORT) });
