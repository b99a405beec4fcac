/**
 * The one Handlebars setup both generators render with. Templates are code, not HTML, so nothing is
 * HTML-escaped. Besides Handlebars' built-in helpers (`if`, `unless`, `each`, `lookup`) there is one:
 * `literal`, which writes a value of the view model as a TypeScript literal. The view models hand
 * templates values; the code around them is the templates' own, with an inline partial per kind
 * where a kind of value needs a shape of its own.
 */
import Handlebars from "handlebars";

/** A value that generated code writes literally: `"DRAFT"`, `0`, `null`, `["A", "B"]`, `{ scale: 2 }`. */
export type Literal = string | number | boolean | null | readonly Literal[] | { readonly [key: string]: Literal };

const handlebars = Handlebars.create();

handlebars.registerHelper("literal", (value: Literal) => literal(value));

export function renderTemplate(source: string, data: object): string {
  return handlebars.compile(source, { noEscape: true })(data);
}

/** `value` as TypeScript source, in the layout the generated code uses: `{ a: 1 }`, `["x", "y"]`. */
export function literal(value: Literal): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (isRecord(value)) {
    const members = Object.entries(value).map(([key, member]) => `${propertyName(key)}: ${literal(member)}`);
    return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function isRecord(value: Literal): value is Readonly<Record<string, Literal>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
