/**
 * Runs after `npm install` in this repository: generates the reference app's Prisma client, so
 * that `npm start` and its checks work on a fresh clone (offline too).
 */
import path from "node:path";
import { packageRoot } from "../paths.js";
import { prismaGenerate } from "../shared/prisma-generate.js";

await prismaGenerate(path.join(packageRoot, "reference-app"), {
  log: (line) => process.stdout.write(`${line}\n`),
});
