import { describe, expect, it } from "vitest";
import { bigintSchema, dateSchema, dateTimeSchema, decimalSchema } from "./field-schemas.js";

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe("decimalSchema", () => {
  it("takes any decimal number as text without digits", () => {
    expect(
      ["0", "-12.5", "123456789012345678901234567890.123"].map((value) =>
        accepts(decimalSchema(), value),
      ),
    ).toEqual([true, true, true]);
    expect(
      ["", "1.", ".5", "1e3", "12,5", "NaN"].map((value) => accepts(decimalSchema(), value)),
    ).toEqual([false, false, false, false, false, false]);
    expect(accepts(decimalSchema(), 12.5)).toBe(false);
  });

  it("takes only what fits the column's precision and scale", () => {
    const price = decimalSchema({ precision: 12, scale: 2 });
    expect(["9999999999.99", "-0.5", "7"].map((value) => accepts(price, value))).toEqual([
      true,
      true,
      true,
    ]);
    expect(["99999999999", "1.234"].map((value) => accepts(price, value))).toEqual([false, false]);
    expect(price.safeParse("1.234").error?.issues[0]?.message).toBe(
      "a decimal number that fits decimal(12,2)",
    );
  });

  it("takes no digit before the point when the scale is the precision, and no fraction at scale 0", () => {
    const fraction = decimalSchema({ precision: 3, scale: 3 });
    expect(["0.125", "-0.5", "1.5", "0.1234"].map((value) => accepts(fraction, value))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const whole = decimalSchema({ precision: 5, scale: 0 });
    expect(["12345", "123456", "1.5"].map((value) => accepts(whole, value))).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe("bigintSchema", () => {
  it("takes the 64-bit integers as text, up to both ends", () => {
    const values = ["0", "-12", "9223372036854775807", "-9223372036854775808"];
    expect(values.map((value) => accepts(bigintSchema(), value))).toEqual([true, true, true, true]);
  });

  it("refuses a fraction, a number and what lies beyond 64 bits, with one issue each", () => {
    expect(
      bigintSchema()
        .safeParse("1.5")
        .error?.issues.map((issue) => issue.message),
    ).toEqual(["an integer"]);
    expect(
      bigintSchema()
        .safeParse("9223372036854775808")
        .error?.issues.map((issue) => issue.message),
    ).toEqual(["out of range for a 64-bit integer"]);
    expect(accepts(bigintSchema(), 12)).toBe(false);
  });
});

describe("dateTimeSchema", () => {
  it("takes a Date, or ISO text with an offset as the same instant", () => {
    const at = new Date("2024-01-02T03:04:05.000Z");
    expect(dateTimeSchema().parse(at)).toEqual(at);
    expect(dateTimeSchema().parse("2024-01-02T03:04:05.000Z")).toEqual(at);
    expect(dateTimeSchema().parse("2024-01-02T04:04:05+01:00")).toEqual(at);
  });

  it("refuses text that is not an instant", () => {
    expect(
      ["yesterday", "2024-01-02", "2024-01-02T03:04:05"].map((value) =>
        accepts(dateTimeSchema(), value),
      ),
    ).toEqual([false, false, false]);
  });
});

describe("dateSchema", () => {
  it("takes a Date, or ISO date text as its midnight UTC", () => {
    expect(dateSchema().parse("2024-01-02")).toEqual(new Date("2024-01-02T00:00:00.000Z"));
    const on = new Date(Date.UTC(2024, 0, 2));
    expect(dateSchema().parse(on)).toEqual(on);
  });

  it("refuses text that is not a calendar date", () => {
    expect(
      ["yesterday", "2024-13-01", "2024-01-02T00:00:00.000Z"].map((value) =>
        accepts(dateSchema(), value),
      ),
    ).toEqual([false, false, false]);
  });
});
