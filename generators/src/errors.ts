/**
 * The one error the generators throw for bad input. Its message is a single line that the CLI and
 * plop print as is, without a stack: the user made a mistake, the program did not.
 */
export class GeneratorError extends Error {
  override readonly name = "GeneratorError";
}

export function isGeneratorError(error: unknown): error is GeneratorError {
  return error instanceof GeneratorError;
}
