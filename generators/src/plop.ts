/**
 * The plop generators that generated projects load from their plopfile:
 *
 *   npx plop entity Product "name:string:unique price:decimal(12,2)" [-- --plural <word> --dry-run]
 *   npx plop entity Product "<the new full field list>" -- --force [--allow-data-loss --dry-run]
 *   npx plop destroy Product -- --allow-data-loss [--force --dry-run]
 *
 * Without arguments on a terminal, plop asks for the name (and the fields). Bad input fails before
 * anything is written, with one line (a GeneratorError's message); off a terminal nothing is ever
 * asked, so a missing answer is an error, never a wait for input. A step that drops data asks for
 * confirmation on a terminal and needs --allow-data-loss off one.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { NodePlopAPI } from "node-plop";
import { isGeneratorError } from "./errors.js";
import { carryOutDestroy, destroyDataLoss, planDestroyFromAnswers } from "./destroy/destroy-entity.js";
import { carryOut, dataLossFromAnswers, planFromAnswers } from "./entity/add-entity.js";
import { dataLossPermission, flag } from "./entity/answers.js";
import { parseFields } from "./entity/fields.js";
import { entityNames } from "./entity/naming.js";
import { schemaPath } from "./entity/plan.js";
import { listModels } from "./entity/prisma-schema.js";
import { isTerminal } from "./terminal.js";

type Answers = Record<string, unknown>;

export function registerGenerators(plop: NodePlopAPI): void {
  const projectDir = plop.getDestBasePath();
  const interactive = isTerminal(process.stdin) && isTerminal(process.stdout);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  plop.setGenerator("entity", {
    description: "an entity through every layer (domain, repositories, service, router, tests, model, migration), or with --force a change of its fields",
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
              validate: (value: string, answers?: Answers) =>
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
      ...flagPrompts({ dryRun: "Only list what would be written", force: "Change the fields of an existing entity" }),
      ...dataLossPrompts(interactive, (answers) => dataLossFromAnswers(projectDir, answers)),
      // Never asked: checks every answer before plop starts its progress output, so that bad input is
      // reported as one "[ERROR] <message>" line and nothing else.
      checkedPrompt((answers) => planFromAnswers(projectDir, answers)),
    ],
    actions: (answers) => {
      // Planning is synchronous and was already checked by the last prompt.
      const plan = planFromAnswers(projectDir, answers ?? {});
      return [
        async () => {
          const summary = await carryOut(projectDir, plan, { log });
          if (plan.dryRun) process.stdout.write(summary);
          return plan.dryRun ? "dry run: nothing written" : summary;
        },
      ];
    },
  });

  plop.setGenerator("destroy", {
    description: "remove an entity: its module, registrations and model, with the migration that drops its table",
    prompts: [
      {
        type: "input",
        name: "name",
        message: "Entity to destroy",
        when: interactive,
        ...(interactive ? { validate: (value: string) => problemOf(() => entityNames(value)) } : {}),
      },
      ...flagPrompts({ dryRun: "Only list what would be written", force: "Also delete the module's files that the generator did not write" }),
      ...dataLossPrompts(interactive, (answers) => destroyDataLoss(projectDir, answers)),
      checkedPrompt((answers) => planDestroyFromAnswers(projectDir, answers)),
    ],
    actions: (answers) => {
      const plan = planDestroyFromAnswers(projectDir, answers ?? {});
      return [
        async () => {
          const summary = await carryOutDestroy(projectDir, plan, { log });
          if (plan.dryRun) process.stdout.write(summary);
          return plan.dryRun ? "dry run: nothing written" : summary;
        },
      ];
    },
  });
}

/** Options given only after `--`, never asked; both spellings of a flag (`--dry-run`, `--dryRun`) work. */
function flagPrompts(flags: { dryRun: string; force: string }) {
  return [
    { type: "confirm", name: "dryRun", message: flags.dryRun, when: false },
    { type: "confirm", name: "dry-run", message: flags.dryRun, when: false },
    { type: "confirm", name: "force", message: flags.force, when: false },
    { type: "confirm", name: "allowDataLoss", message: "Go ahead with a step that drops data", when: false },
    { type: "confirm", name: "allow-data-loss", message: "Go ahead with a step that drops data", when: false },
  ];
}

/**
 * On a terminal, asks before a step that drops data unless --allow-data-loss was given. Planning to
 * find out also checks every other answer first, so bad input is refused before the question.
 */
function dataLossPrompts(interactive: boolean, dataLoss: (answers: Answers) => readonly string[]) {
  let lines: readonly string[] = [];
  return [
    {
      type: "confirm",
      name: "confirmDataLoss",
      default: false,
      message: () => `This drops data: ${lines.join("; ")}. Go ahead?`,
      when: (answers: Answers) => {
        if (!interactive || dataLossPermission(answers) === "allowed" || flag(answers.dryRun) || flag(answers["dry-run"])) return false;
        lines = dataLoss(answers);
        return lines.length > 0;
      },
    },
  ];
}

/** The last prompt, never asked: plans once with every answer, so bad input stops plop before it prints anything. */
function checkedPrompt(plan: (answers: Answers) => unknown) {
  return {
    type: "input",
    name: "checked",
    message: "",
    when: (answers: Answers) => {
      plan(answers);
      return false;
    },
  };
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
