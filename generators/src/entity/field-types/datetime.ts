import { keywordDefault } from "./default-literals.js";
import type { FieldType } from "./field-type.js";

export const datetimeType: FieldType = {
  parseDefault: (text, _args, fail) => keywordDefault(text, "now", "datetime", fail),
  prisma: (field) => ({ type: "DateTime", default: field.default === undefined ? undefined : "now()" }),
  sql: (field) => ({ type: "TIMESTAMP(3)", default: field.default === undefined ? undefined : "CURRENT_TIMESTAMP" }),
  // Dates also come as ISO text: JSON over HTTP has no date type.
  schema: () => ({ kind: "call", function: "dateTimeSchema", args: [] }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "now" }),
  sample: () => ({ kind: "datetime" }),
  invalid: "yesterday",
  samplesRepeat: () => false,
  isoText: { text: "2024-01-02T03:04:05.000Z", instant: "2024-01-02T03:04:05.000Z" },
};
