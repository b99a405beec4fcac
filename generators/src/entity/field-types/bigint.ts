import { integerDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** The domain holds exact decimal text: a JavaScript bigint would not survive JSON. */
export const bigintType: FieldType = {
  parseDefault: (text, _args, fail) => integerDefault(text, int64, "bigint", fail),
  prisma: (field) => ({ type: "BigInt", default: field.default }),
  sql: (field) => ({ type: "BIGINT", default: field.default }),
  zod: () =>
    'z.string().regex(/^-?\\d{1,19}$/, "an integer").refine((value) => ' +
    '!/^-?\\d+$/.test(value) || (BigInt(value) >= -(2n ** 63n) && BigInt(value) < 2n ** 63n), ' +
    '"out of range for a 64-bit integer")',
  defaultValue: (field) => (field.default === undefined ? undefined : JSON.stringify(field.default)),
  sample: () => ({ code: "String(9_007_199_254_740_993n + BigInt(n))", usesSequence: true }),
  invalid: '"1.5"',
  samplesRepeat: () => false,
  convert: ({ optional }, { property }) => {
    const data = `data.${property}`;
    const changes = `changes.${property}`;
    const row = `row.${property}`;
    return optional
      ? {
          create: `${data} == null ? null : BigInt(${data})`,
          update: `${changes} == null ? ${changes} : BigInt(${changes})`,
          read: `${row} === null ? null : ${row}.toString()`,
        }
      : {
          create: `BigInt(${data})`,
          update: `${changes} === undefined ? undefined : BigInt(${changes})`,
          read: `${row}.toString()`,
        };
  },
};
