// Lint: typescript-eslint's strict type-checked rules, zero warnings, and the shape of the imports:
// no import cycles anywhere; the platform imports nothing of the application (modules, services,
// routers, the composition root), which hands it what it needs as parameters; and the direction of
// imports between the layers of a module (router -> service -> repository port <- repository
// adapters; the domain imports only zod and the platform's field schemas). Tests may import
// anything but a cycle. zod is imported as `import * as z from "zod"`, zod 4's own form: the bundle
// then holds only the parts of zod the service uses (its error messages in some sixty languages
// stay out, about 440 KB to load at every start). Layout is Prettier's alone:
// eslint-config-prettier turns off the rules that could disagree with it.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import eslintConfigPrettier from "eslint-config-prettier/flat";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

const layer = (files, forbidden, ignores = []) => ({
  files,
  ignores: ["**/*.test.ts", ...ignores],
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: forbidden.map(([regex, message]) => ({ regex, message })) },
    ],
  },
});

const adapters = [
  "\\.repository\\.(prisma|memory)(\\.js)?$",
  "a service or router depends on the repository port, not on an adapter",
];
const routers = ["\\.router(\\.js)?$", "only app-router.ts imports routers"];
const prisma = [
  "(generated/prisma|^@prisma/)",
  "only Prisma repositories and the platform use Prisma",
];
const trpc = ["(^@trpc/|(^|/)trpc(\\.js)?$)", "only routers know about tRPC"];

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
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message:
            'write `import * as z from "zod"`, so that the bundle leaves out what the service does not use',
        },
      ],
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  { files: ["**/*.js"], extends: [tseslint.configs.disableTypeChecked] },
  eslintConfigPrettier,
  {
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      // Imports name the compiled `.js` file; the source beside them is `.ts`.
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".js", ".json"],
          extensionAlias: { ".js": [".ts", ".js"] },
        }),
      ],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    files: ["src/platform/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: "src/platform",
              from: [
                "src/modules",
                "src/services.ts",
                "src/app-router.ts",
                "src/trpc.ts",
                "src/app.ts",
                "src/start.ts",
                "src/main.ts",
              ],
              message:
                "The platform knows no application: it takes what it needs as a parameter or a type parameter.",
            },
          ],
        },
      ],
    },
  },
  layer(
    ["src/modules/*/*.ts"],
    [
      [
        "^(?!(zod|\\.\\./\\.\\./platform/field-schemas\\.js)$)",
        "the domain file imports only zod and the platform's field schemas",
      ],
    ],
    ["src/modules/*/*.*.ts"],
  ),
  layer(
    ["src/modules/*/*.repository.ts"],
    [
      adapters,
      routers,
      prisma,
      trpc,
      ["\\.service(\\.js)?$", "a repository port does not know its services"],
    ],
  ),
  layer(["src/modules/*/*.service.ts"], [adapters, routers, prisma, trpc]),
  layer(
    ["src/modules/*/*.router.ts"],
    [
      adapters,
      prisma,
      ["\\.repository(\\.js)?$", "a router calls its service, not the repository"],
    ],
  ),
  layer(
    ["src/modules/*/*.repository.prisma.ts", "src/modules/*/*.repository.memory.ts"],
    [routers, trpc, ["\\.service(\\.js)?$", "a repository does not know its services"]],
  ),
);
