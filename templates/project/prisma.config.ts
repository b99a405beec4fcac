// Configuration of the Prisma CLI (generate, migrate, studio). The running service does not read
// this file: it connects through a driver adapter (src/platform/db) and applies migrations itself.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
