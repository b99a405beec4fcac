import { floatDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const floatType: FieldType = {
  parseDefault: (text, _args, fail) => floatDefault(text, fail),
  numericDefault: true,
  prisma: (field) => ({ type: "Float", default: field.default }),
  sql: (field) => ({ type: "DOUBLE PRECISION", default: field.default }),
  zod: () => "z.number()",
  // The schema keeps the fraction as written (1.50); TypeScript writes the number (1.5).
  defaultValue: (field) => (field.default === undefined ? undefined : String(Number(field.default))),
  sample: () => ({ code: "n + 0.5", usesSequence: true }),
  invalid: '"1.5"',
  samplesRepeat: () => false,
};
