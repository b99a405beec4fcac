import { integerDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** The domain holds exact decimal text: a JavaScript bigint would not survive JSON. */
export const bigintType: FieldType = {
  parseDefault: (text, _args, fail) => integerDefault(text, int64, "bigint", fail),
  prisma: (field) => ({ type: "BigInt", default: field.default }),
  sql: (field) => ({ type: "BIGINT", default: field.default }),
  schema: () => ({ kind: "call", function: "bigintSchema", args: [] }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: field.default }),
  sample: () => ({ kind: "bigint" }),
  invalid: "1.5",
  samplesRepeat: () => false,
  prismaConversion: () => ({
    toPrisma: { function: "toBigInt", args: [] },
    fromPrisma: { function: "bigintText", args: [] },
  }),
};
