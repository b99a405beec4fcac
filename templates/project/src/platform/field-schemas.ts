// The zod schemas of the field types whose rules take more than one zod call, shared by the domain
// files of the modules: exact numbers held as strings (docs/adr/0004-exact-numbers-as-strings.md)
// and dates, which arrive as ISO text over JSON. The other field types are plain zod in the domain
// file itself. Edit a schema here to change it for every field of its type.
import * as z from "zod";

/** The digits of a `decimal(precision, scale)` column. */
export interface DecimalDigits {
  precision: number;
  scale: number;
}

/** A decimal number as exact text; given digits, one that fits a column with those digits. */
export function decimalSchema(digits?: DecimalDigits) {
  if (digits === undefined) return z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal number");
  const { precision, scale } = digits;
  const room = precision - scale;
  const integer = room === 0 ? "0" : `\\d{1,${room}}`;
  const fraction = scale === 0 ? "" : `(\\.\\d{1,${scale}})?`;
  return z.string().regex(new RegExp(`^-?${integer}${fraction}$`), `a decimal number that fits decimal(${precision},${scale})`);
}

const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** A 64-bit integer as exact text: a JavaScript number loses digits beyond 2^53. */
export function bigintSchema() {
  return z
    .string()
    .regex(/^-?\d{1,19}$/, "an integer")
    .refine(
      // Text the pattern refuses is reported once, by the pattern; BigInt() would throw on it.
      (value) => !/^-?\d+$/.test(value) || (BigInt(value) >= int64.min && BigInt(value) <= int64.max),
      "out of range for a 64-bit integer",
    );
}

/** An instant: a Date, or ISO 8601 text with a time and an offset. */
export function dateTimeSchema() {
  return z.union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))]);
}

/** A calendar date: a Date, or ISO 8601 text `YYYY-MM-DD` (midnight UTC). */
export function dateSchema() {
  return z.union([z.date(), z.iso.date().transform((text) => new Date(text))]);
}
