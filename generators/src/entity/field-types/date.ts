import { keywordDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const dateType: FieldType = {
  parseDefault: (text, _args, fail) => keywordDefault(text, "now", "date", fail),
  prisma: (field) => ({ type: "DateTime", nativeType: "@db.Date", default: field.default === undefined ? undefined : "now()" }),
  sql: (field) => ({ type: "DATE", default: field.default === undefined ? undefined : "CURRENT_TIMESTAMP" }),
  // Dates also come as ISO text: JSON over HTTP has no date type.
  schema: () => ({ kind: "call", function: "dateSchema", args: [] }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "now" }),
  sample: () => ({ kind: "date" }),
  invalid: "yesterday",
  samplesRepeat: () => false,
  isoText: { text: "2024-01-02", instant: "2024-01-02T00:00:00.000Z" },
};
