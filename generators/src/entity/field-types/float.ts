import { floatDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const floatType: FieldType = {
  parseDefault: (text, _args, fail) => floatDefault(text, fail),
  prisma: (field) => ({ type: "Float", default: field.default }),
  sql: (field) => ({ type: "DOUBLE PRECISION", default: field.default }),
  schema: () => ({ kind: "number" }),
  // The schema keeps the fraction as written (1.50); TypeScript writes the number (1.5).
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: Number(field.default) }),
  sample: () => ({ kind: "float" }),
  invalid: "1.5",
  samplesRepeat: () => false,
};
