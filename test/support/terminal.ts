/**
 * Runs a command on a pseudo-terminal, as a person at a keyboard would, through util-linux's
 * `script` (in every Debian install). Tests wait for a prompt to appear, then type the answer.
 */
import { spawn, spawnSync } from "node:child_process";
import { stripVTControlCharacters } from "node:util";

export const hasScript = spawnSync("script", ["--version"]).status === 0;

export const keys = { enter: "\r", down: "\u001b[B", right: "\u001b[C", ctrlC: "\u0003" } as const;

export interface TerminalSession {
  /** Resolves once the screen (without colours and cursor moves) has shown `pattern` since the last answer. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<void>;
  /** Types `text`, and takes only what appears after it into account for the next `waitFor`. */
  type(text: string): void;
  /** Everything shown so far, without colours and cursor moves. */
  screen(): string;
  /** The command's exit code once it has ended. */
  exited: Promise<number | null>;
}

export function onTerminal(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): TerminalSession {
  // The terminal `script` opens takes its size from script's own stdin, a pipe here: set one.
  const commandLine = `stty cols 120 rows 40 && exec ${[command, ...args].map(shellQuote).join(" ")}`;
  const child = spawn("script", ["--quiet", "--flush", "--return", "--command", commandLine, "/dev/null"], {
    cwd: options.cwd,
    env: { ...options.env, TERM: "xterm-256color" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let raw = "";
  let seenUpTo = 0;
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    raw += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(killer);
      for (const listener of listeners) listener();
      resolve(code);
    });
  });
  const screen = () => stripVTControlCharacters(raw);

  return {
    screen,
    exited,
    type(text) {
      seenUpTo = raw.length;
      child.stdin.write(text);
    },
    waitFor(pattern, timeoutMs = 20_000) {
      const matches = () => {
        const fresh = stripVTControlCharacters(raw.slice(seenUpTo));
        return typeof pattern === "string" ? fresh.includes(pattern) : pattern.test(fresh);
      };
      return new Promise((resolve, reject) => {
        const check = () => {
          if (matches()) {
            done();
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`the command ended before showing ${String(pattern)}; it showed:\n${screen()}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${String(pattern)} did not appear within ${String(timeoutMs)} ms; the screen shows:\n${screen()}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
