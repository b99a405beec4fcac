import type { FieldType } from "./field-type.js";

export const booleanType: FieldType = {
  parseDefault: (text, _args, fail) => {
    if (text !== "true" && text !== "false") {
      fail(`Default "${text}" does not fit boolean`, "Write default(true) or default(false).");
    }
    return text;
  },
  prisma: (field) => ({ type: "Boolean", default: field.default }),
  sql: (field) => ({ type: "BOOLEAN", default: field.default }),
  schema: () => ({ kind: "boolean" }),
  domainDefault: (field) => (field.default === undefined ? undefined : { kind: "value", value: field.default === "true" }),
  sample: () => ({ kind: "boolean" }),
  invalid: "yes",
  // Booleans repeat by nature: two rows from the builder already collide.
  samplesRepeat: () => true,
};
