import { prismaString, sqlString, stringDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const textType: FieldType = {
  parseDefault: (text, _args, fail) => stringDefault(text, undefined, fail),
  prisma: (field) => ({ type: "String", default: prismaString(field.default) }),
  sql: (field) => ({ type: "TEXT", default: sqlString(field.default) }),
  schema: () => ({ kind: "text" }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: field.default }),
  sample: (field) => ({ kind: "words", words: field.words }),
  invalid: "",
  samplesRepeat: () => false,
};
