import { keywordDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const dateType: FieldType = {
  parseDefault: (text, _args, fail) => keywordDefault(text, "now", "date", fail),
  prisma: (field) => ({ type: "DateTime", nativeType: "@db.Date", default: field.default === undefined ? undefined : "now()" }),
  sql: (field) => ({ type: "DATE", default: field.default === undefined ? undefined : "CURRENT_TIMESTAMP" }),
  // Dates also come as ISO text: JSON over HTTP has no date type.
  zod: () => "z.union([z.date(), z.iso.date().transform((text) => new Date(text))])",
  defaultValue: (field) => (field.default === undefined ? undefined : "() => new Date()"),
  defaultMatcher: "toBeInstanceOf(Date)",
  sample: () => ({ code: "new Date(Date.UTC(2024, 0, 1 + n))", usesSequence: true }),
  invalid: '"yesterday"',
  samplesRepeat: () => false,
  isoText: { text: '"2024-01-02"', date: 'new Date("2024-01-02T00:00:00.000Z")' },
};
