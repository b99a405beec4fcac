/** Whether a person is at `stream`. Node leaves `isTTY` undefined, not false, on a pipe, whatever its type says. */
export function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}
