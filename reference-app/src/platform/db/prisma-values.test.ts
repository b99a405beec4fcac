import { describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.js";
import {
  bigintText,
  decimalText,
  jsonInput,
  jsonObject,
  jsonObjectOrNull,
  toBigInt,
} from "./prisma-values.js";

describe("decimalText", () => {
  it("writes a decimal with the column's scale, or as it is without one", () => {
    expect(decimalText(new Prisma.Decimal("7.1"), 2)).toBe("7.10");
    expect(decimalText(new Prisma.Decimal("-12"), 0)).toBe("-12");
    expect(decimalText(new Prisma.Decimal("12345678901234567890.123456789"))).toBe(
      "12345678901234567890.123456789",
    );
  });

  it("keeps null", () => {
    expect(decimalText(null, 2)).toBeNull();
  });
});

describe("big integers", () => {
  it("go to text and back without losing a digit", () => {
    const beyondDoubles = 9_007_199_254_740_993n;
    expect(bigintText(beyondDoubles)).toBe("9007199254740993");
    expect(toBigInt("-9223372036854775808")).toBe(-(2n ** 63n));
  });

  it("keep null as null and an absent change as absent", () => {
    expect([bigintText(null), toBigInt(null), toBigInt(undefined)]).toEqual([
      null,
      null,
      undefined,
    ]);
  });
});

describe("JSON fields", () => {
  it("read an object as it is, and the database's NULL as null", () => {
    expect(jsonObject({ sample: 1, tags: ["a"] })).toEqual({ sample: 1, tags: ["a"] });
    expect(jsonObjectOrNull(null)).toBeNull();
  });

  it("refuse to read what is not an object", () => {
    expect(() => jsonObject([1])).toThrow("found an array");
    expect(() => jsonObject(null)).toThrow("found null");
    expect(() => jsonObject("text")).toThrow("found string");
  });

  it("write null as the database's NULL, and leave an absent change absent", () => {
    expect(jsonInput(null)).toBe(Prisma.DbNull);
    expect(jsonInput(undefined)).toBeUndefined();
    expect(jsonInput({ sample: 1 })).toEqual({ sample: 1 });
  });
});
