import { maxIdentifierLength } from "../constraint-names.js";
import { relationTargetNames } from "../naming.js";
import type { FieldType } from "./field-type.js";

/**
 * A reference is its foreign key column, `<name>Id`, always `String @db.Uuid`; the relation it adds
 * (the Prisma relation field, the other end, the constraint) comes from `relation`. The argument is
 * normalized to the target model's Pascal name.
 */
export const referencesType: FieldType = {
  parseArguments: (text, { field, entity, existingModels, fail }) => {
    if (text === "") fail('Malformed type "references()"', "Write references or references(Entity).");
    const isKnown = (pascal: string): boolean => pascal === entity.pascal || existingModels.includes(pascal);
    const target = relationTargetNames(text ?? field.camel, isKnown);
    if (!isKnown(target.pascal)) {
      const existing = [...existingModels].sort((a, b) => a.localeCompare(b));
      fail(
        `Unknown relation target "${target.pascal}"`,
        `Existing entities: ${existing.length > 0 ? existing.join(", ") : "none"}.`,
      );
    }
    const foreignKey = `${field.camel}Id`;
    if (foreignKey.length > maxIdentifierLength) {
      fail(`Foreign key ${foreignKey} too long`, `PostgreSQL's limit is ${maxIdentifierLength} characters; shorten the field name.`);
    }
    return [target.pascal];
  },
  parseDefault: (_text, _args, fail) => fail("A default on a reference", "References take no default."),
  indexed: true,
  prisma: () => ({ type: "String", nativeType: "@db.Uuid" }),
  sql: () => ({ type: "UUID" }),
  schema: () => ({ kind: "uuid" }),
  domainDefault: () => undefined,
  sample: (field) => (field.optional ? { kind: "value", value: null } : { kind: "randomUuid" }),
  invalid: "not-a-uuid",
  // An optional reference is null in every built row.
  samplesRepeat: (field) => field.optional,
  relation: (field) => ({ target: field.args[0] ?? field.pascal, foreignKey: `${field.name}Id` }),
};
