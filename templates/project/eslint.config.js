// Lint: typescript-eslint's strict type-checked rules, zero warnings, and the direction of imports
// between the layers of a module (router -> service -> repository port <- repository adapters;
// the domain imports only zod). Tests may import anything.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const layer = (files, forbidden, ignores = []) => ({
  files,
  ignores: ["**/*.test.ts", ...ignores],
  rules: {
    "no-restricted-imports": ["error", { patterns: forbidden.map(([regex, message]) => ({ regex, message })) }],
  },
});

const adapters = ["\\.repository\\.(prisma|memory)(\\.js)?$", "a service or router depends on the repository port, not on an adapter"];
const routers = ["\\.router(\\.js)?$", "only app-router.ts imports routers"];
const prisma = ["(generated/prisma|^@prisma/)", "only Prisma repositories and the platform use Prisma"];
const trpc = ["(^@trpc/|platform/trpc(\\.js)?$)", "only routers know about tRPC"];

export default defineConfig(
  { ignores: ["dist/", "coverage/", "src/generated/", ".data/"] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.js"], extends: [tseslint.configs.disableTypeChecked] },
  layer(["src/modules/*/*.ts"], [["^(?!zod$)", "the domain file imports only zod"]], ["src/modules/*/*.*.ts"]),
  layer(["src/modules/*/*.repository.ts"], [adapters, routers, prisma, trpc, ["\\.service(\\.js)?$", "a repository port does not know its services"]]),
  layer(["src/modules/*/*.service.ts"], [adapters, routers, prisma, trpc]),
  layer(["src/modules/*/*.router.ts"], [adapters, prisma, ["\\.repository(\\.js)?$", "a router calls its service, not the repository"]]),
  layer(["src/modules/*/*.repository.prisma.ts", "src/modules/*/*.repository.memory.ts"], [routers, trpc, ["\\.service(\\.js)?$", "a repository does not know its services"]]),
);
