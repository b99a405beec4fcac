/**
 * The one Handlebars setup both generators render with. Templates are code, not HTML, so nothing is
 * HTML-escaped; they use only Handlebars' built-in helpers (`if`, `unless`, `each`), because the
 * view models hand them every value ready to print.
 */
import Handlebars from "handlebars";

const handlebars = Handlebars.create();

export function renderTemplate(source: string, data: object): string {
  return handlebars.compile(source, { noEscape: true })(data);
}
