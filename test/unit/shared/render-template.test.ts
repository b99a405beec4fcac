import { describe, expect, it } from "vitest";
import { literal, renderTemplate } from "../../../generators/src/shared/render-template.js";

describe("literal", () => {
  it("writes strings, numbers, booleans and null as TypeScript writes them", () => {
    expect([literal("it's \"x\""), literal(1.5), literal(-0), literal(true), literal(null)]).toEqual(['"it\'s \\"x\\""', "1.5", "0", "true", "null"]);
  });

  it("writes lists and objects on one line, quoting only keys that are not identifiers", () => {
    expect(literal(["DRAFT", "LIVE"])).toBe('["DRAFT", "LIVE"]');
    expect(literal({ precision: 12, scale: 2 })).toBe("{ precision: 12, scale: 2 }");
    expect(literal({ "a-b": [1, { c: null }] })).toBe('{ "a-b": [1, { c: null }] }');
    expect([literal([]), literal({})]).toEqual(["[]", "{}"]);
  });
});

describe("renderTemplate", () => {
  it("writes values with literal and leaves the rest unescaped", () => {
    expect(renderTemplate('{{name}}: {{literal value}} // <&>', { name: "status", value: "DRAFT" })).toBe('status: "DRAFT" // <&>');
  });

  it("renders a value's kind through the template's inline partial of that name, leaving no blank line", () => {
    const template = [
      '{{#*inline "now"}}() => new Date(){{/inline~}}',
      '{{#*inline "value"}}{{literal value}}{{/inline~}}',
      "{{#each fields}}",
      '{{name}}: {{> (lookup default "kind") default}}',
      "{{/each}}",
    ].join("\n");
    const fields = [
      { name: "at", default: { kind: "now" } },
      { name: "stock", default: { kind: "value", value: 0 } },
    ];
    expect(renderTemplate(template, { fields })).toBe("at: () => new Date()\nstock: 0\n");
  });
});
