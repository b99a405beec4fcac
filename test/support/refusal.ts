/** The one-line message of the GeneratorError that `run` throws; fails the test when it throws none. */
import { expect } from "vitest";
import { GeneratorError } from "../../generators/src/errors.js";

export function refusal(run: () => unknown, what = "a GeneratorError"): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    const message = (error as GeneratorError).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error(`expected ${what}, got none`);
}
