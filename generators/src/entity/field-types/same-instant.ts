/** Dates are objects: the in-memory repository compares their instants. */
export function sameInstant(left: string, right: string, optional: boolean): string {
  const access = optional ? "?." : ".";
  return `${left}${access}getTime() === ${right}${access}getTime()`;
}
