/**
 * The literals allowed in `default(<value>)`, checked against the field's type and brought to one
 * canonical text, since the same text goes to schema.prisma and to the migration; and the forms of
 * that text that schema.prisma and SQL write.
 */
import type { Fail } from "./field-type.js";

const numberPattern = /^-?\d+(\.\d+)?$/;

// Prisma string literals would need escapes for these, and so would the generated TypeScript.
export function stringDefault(text: string, maxLength: number | undefined, fail: Fail): string {
  if (/["\\]/.test(text)) {
    fail(`Default "${text}" contains a double quote or a backslash`, "Write the text without them.");
  }
  if (maxLength !== undefined && text.length > maxLength) {
    fail(
      `Default longer than ${maxLength} characters`,
      `A string field holds at most ${maxLength}; use text for longer values.`,
    );
  }
  return text;
}

export function integerDefault(text: string, range: { min: bigint; max: bigint }, type: string, fail: Fail): string {
  const hint = `Write an integer from ${range.min} to ${range.max}.`;
  if (!/^-?\d+$/.test(text)) fail(`Default "${text}" does not fit ${type}`, hint);
  const value = BigInt(text);
  if (value < range.min || value > range.max) fail(`Default ${text} out of range for ${type}`, hint);
  return value.toString();
}

export function floatDefault(text: string, fail: Fail): string {
  if (!numberPattern.test(text)) {
    fail(`Default "${text}" does not fit float`, "Write digits with an optional fraction, e.g. default(1.5).");
  }
  return canonicalNumber(text);
}

export function decimalDefault(text: string, limits: { precision: number; scale: number }, fail: Fail): string {
  if (!numberPattern.test(text)) {
    fail(`Default "${text}" does not fit decimal`, "Write digits with an optional fraction, e.g. default(9.99).");
  }
  const canonical = canonicalNumber(text);
  const [integer = "", fraction = ""] = canonical.replace("-", "").split(".");
  const integerDigits = integer === "0" ? 0 : integer.length;
  const room = limits.precision - limits.scale;
  if (fraction.length > limits.scale || integerDigits > room) {
    fail(
      `Default ${text} does not fit decimal(${limits.precision},${limits.scale})`,
      `Write at most ${room} digits before the point and ${limits.scale} after it.`,
    );
  }
  return canonical;
}

/** Accepts `now` or `now()` (for `keyword` "now"), and returns the keyword. */
export function keywordDefault<K extends string>(text: string, keyword: K, type: string, fail: Fail): K {
  if (text !== keyword && text !== `${keyword}()`) {
    fail(`Default "${text}" does not fit ${type}`, `The only default for ${type} is ${keyword}.`);
  }
  return keyword;
}

// Leading zeros go and zero loses its sign; the fraction stays as written, because Prisma writes it
// into the SQL as it stands in the schema.
function canonicalNumber(text: string): string {
  const negative = text.startsWith("-");
  const [integer = "", fraction] = (negative ? text.slice(1) : text).split(".");
  const digits = integer.replace(/^0+(?=\d)/, "") + (fraction === undefined ? "" : `.${fraction}`);
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** A text default as schema.prisma writes it; the DSL allows no quote or backslash in it. */
export function prismaString(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `"${text}"`;
}

/** A text default as a SQL literal. */
export function sqlString(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `'${text.replaceAll("'", "''")}'`;
}
