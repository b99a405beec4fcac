import { maxIdentifierLength } from "../constraint-names.js";
import type { EntityNames } from "../naming.js";
import type { FieldType, ParsedField } from "./field-type.js";

/** `<Entity><Field>`, e.g. `ProductStatus`. */
function enumName(field: { readonly pascal: string }, entity: EntityNames): string {
  return `${entity.pascal}${field.pascal}`;
}

export const enumType: FieldType = {
  parseArguments: (text, { field, entity, existingModels, fail }) => {
    if (text === undefined || text === "") return fail("Enum without values", "Write enum(A,B,...).");
    const values = text.split(",");
    const seen = new Set<string>();
    for (const value of values) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(value)) {
        fail(`Invalid enum value "${value}"`, 'Values start with a letter and use only letters, digits and "_".');
      }
      if (seen.has(value)) fail(`Repeated enum value "${value}"`);
      seen.add(value);
    }
    const name = enumName(field, entity);
    if (existingModels.includes(name)) fail(`Enum type ${name} would clash with the model ${name}`, "Rename the field.");
    if (name.length > maxIdentifierLength) {
      fail(`Enum type name ${name} too long`, `PostgreSQL's limit is ${maxIdentifierLength} characters; shorten the field name.`);
    }
    return values;
  },
  parseDefault: (text, values, fail) => {
    if (!values.includes(text)) fail(`Default "${text}" is not a value of the enum`, `Values: ${values.join(", ")}.`);
    return text;
  },
  prisma: (field, entity) => ({ type: enumName(field, entity), default: field.default }),
  sql: (field, entity) => ({
    type: `"${enumName(field, entity)}"`,
    default: field.default === undefined ? undefined : `'${field.default}'`,
  }),
  schema: (field) => ({ kind: "enum", values: field.args }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: field.default }),
  sample: (field: ParsedField) => ({ kind: "value", value: field.args[0] ?? "" }),
  invalid: "_NOT_A_VALUE",
  // Enums repeat by nature: two rows from the builder already collide.
  samplesRepeat: () => true,
  enumType: (field, entity) => ({ name: enumName(field, entity), values: field.args }),
};
