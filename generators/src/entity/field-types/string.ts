import { prismaString, sqlString, stringDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

const maxLength = 255;

export const stringType: FieldType = {
  parseDefault: (text, _args, fail) => stringDefault(text, maxLength, fail),
  prisma: (field) => ({ type: "String", nativeType: `@db.VarChar(${maxLength})`, default: prismaString(field.default) }),
  sql: (field) => ({ type: `VARCHAR(${maxLength})`, default: sqlString(field.default) }),
  schema: () => ({ kind: "text", maxLength }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: field.default }),
  sample: (field) => ({ kind: "words", words: field.words }),
  invalid: "",
  samplesRepeat: () => false,
};
