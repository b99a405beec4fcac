import { prismaString, sqlString, stringDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

const maxLength = 255;

export const stringType: FieldType = {
  parseDefault: (text, _args, fail) => stringDefault(text, maxLength, fail),
  prisma: (field) => ({ type: "String", nativeType: `@db.VarChar(${maxLength})`, default: prismaString(field.default) }),
  sql: (field) => ({ type: `VARCHAR(${maxLength})`, default: sqlString(field.default) }),
  zod: () => `z.string().min(1).max(${maxLength})`,
  defaultValue: (field) => (field.default === undefined ? undefined : JSON.stringify(field.default)),
  sample: (field) => ({ code: `\`${field.words} \${String(n)}\``, usesSequence: true }),
  invalid: '""',
  samplesRepeat: () => false,
};
