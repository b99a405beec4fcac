import { keywordDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const datetimeType: FieldType = {
  parseDefault: (text, _args, fail) => keywordDefault(text, "now", "datetime", fail),
  prisma: (field) => ({ type: "DateTime", default: field.default === undefined ? undefined : "now()" }),
  sql: (field) => ({ type: "TIMESTAMP(3)", default: field.default === undefined ? undefined : "CURRENT_TIMESTAMP" }),
  // Dates also come as ISO text: JSON over HTTP has no date type.
  zod: () => "z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))])",
  defaultValue: (field) => (field.default === undefined ? undefined : "() => new Date()"),
  defaultMatcher: "toBeInstanceOf(Date)",
  sample: () => ({ code: "new Date(Date.UTC(2024, 0, 1) + n * 1000)", usesSequence: true }),
  invalid: '"yesterday"',
  samplesRepeat: () => false,
  isoText: { text: '"2024-01-02T03:04:05.000Z"', date: 'new Date("2024-01-02T03:04:05.000Z")' },
};
