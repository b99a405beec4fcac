import { integerDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

const int32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };

export const intType: FieldType = {
  parseDefault: (text, _args, fail) => integerDefault(text, int32, "int", fail),
  prisma: (field) => ({ type: "Int", default: field.default }),
  sql: (field) => ({ type: "INTEGER", default: field.default }),
  schema: () => ({ kind: "int32" }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: Number(field.default) }),
  sample: () => ({ kind: "sequence" }),
  invalid: 1.5,
  samplesRepeat: () => false,
};
