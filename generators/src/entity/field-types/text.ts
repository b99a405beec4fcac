import { prismaString, sqlString, stringDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const textType: FieldType = {
  parseDefault: (text, _args, fail) => stringDefault(text, undefined, fail),
  prisma: (field) => ({ type: "String", default: prismaString(field.default) }),
  sql: (field) => ({ type: "TEXT", default: sqlString(field.default) }),
  zod: () => "z.string().min(1)",
  defaultValue: (field) => (field.default === undefined ? undefined : JSON.stringify(field.default)),
  sample: (field) => ({ code: `\`${field.words} \${String(n)}\``, usesSequence: true }),
  invalid: '""',
  samplesRepeat: () => false,
};
