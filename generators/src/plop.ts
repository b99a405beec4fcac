/**
 * The plop generators that generated projects load from their plopfile:
 *
 *   npx plop entity Product "name:string:unique price:decimal(12,2)" [-- --plural <word> --dry-run --force]
 *
 * Without arguments on a terminal, plop asks for the name and the fields. Bad input fails before
 * anything is written, with one line (a GeneratorError's message); off a terminal nothing is ever
 * asked, so a missing answer is an error, never a wait for input.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { NodePlopAPI } from "node-plop";
import { isGeneratorError } from "./errors.js";
import { carryOut, planFromAnswers } from "./entity/add-entity.js";
import { parseFields } from "./entity/fields.js";
import { entityNames } from "./entity/naming.js";
import { schemaPath } from "./entity/plan.js";
import { listModels } from "./entity/prisma-schema.js";
import { isTerminal } from "./terminal.js";

export function registerGenerators(plop: NodePlopAPI): void {
  const projectDir = plop.getDestBasePath();
  const interactive = isTerminal(process.stdin) && isTerminal(process.stdout);
  plop.setGenerator("entity", {
    description: "an entity through every layer: domain, repositories, service, router, tests, model, migration",
    prompts: [
      {
        type: "input",
        name: "name",
        message: "Entity name (Product, line item, ...)",
        when: interactive,
        // Answers given on the command line are checked once, by the plan, with every option known.
        ...(interactive ? { validate: (value: string) => problemOf(() => entityNames(value)) } : {}),
      },
      {
        type: "input",
        name: "fields",
        message: "Fields (name:string:unique price:decimal(12,2) status:enum(DRAFT,ACTIVE) ...)",
        when: interactive,
        ...(interactive
          ? {
              validate: (value: string, answers?: Record<string, unknown>) =>
                problemOf(() => {
                  const name = answers?.name;
                  if (typeof name === "string") {
                    parseFields(value, { entity: entityNames(name), existingModels: existingModels(projectDir) });
                  }
                }),
            }
          : {}),
      },
      // Given only on the command line, after `--`: they are never asked.
      { type: "input", name: "plural", message: "Plural, when inflection gets it wrong", when: false },
      { type: "confirm", name: "dryRun", message: "Only list what would be written", when: false },
      { type: "confirm", name: "dry-run", message: "Only list what would be written", when: false },
      { type: "confirm", name: "force", message: "Write the module files of an existing entity again", when: false },
      {
        // Never asked: checks every answer before plop starts its progress output, so that bad
        // input is reported as one "[ERROR] <message>" line and nothing else.
        type: "input",
        name: "checked",
        message: "",
        when: (answers: Record<string, unknown>) => {
          planFromAnswers(projectDir, answers);
          return false;
        },
      },
    ],
    actions: (answers) => {
      // Planning is synchronous and was already checked by the last prompt.
      const plan = planFromAnswers(projectDir, answers ?? {});
      return [
        async () => {
          const summary = await carryOut(projectDir, plan, { log: (line) => process.stderr.write(`${line}\n`) });
          if (plan.dryRun) process.stdout.write(summary);
          return plan.dryRun ? "dry run: nothing written" : summary;
        },
      ];
    },
  });
}

function existingModels(projectDir: string): string[] {
  const schema = path.join(projectDir, schemaPath);
  return existsSync(schema) ? listModels(readFileSync(schema, "utf8")) : [];
}

/** true, or the message of the GeneratorError that `check` throws: what a prompt's `validate` returns. */
function problemOf(check: () => void): true | string {
  try {
    check();
    return true;
  } catch (error) {
    if (!isGeneratorError(error)) throw error;
    return error.message;
  }
}
