/**
 * How the project pipeline shows progress: a spinner on a terminal, plain lines otherwise (in logs,
 * or on stderr when stdout carries the JSON summary), or nothing for programmatic callers.
 */
import type { Writable } from "node:stream";
import { log, spinner } from "@clack/prompts";

export interface Reporter {
  info(line: string): void;
  warn(line: string): void;
  /**
   * Runs a long step while showing that it runs. Lines passed to `note` are shown with the step
   * (after it, on a terminal, so that they do not break the spinner).
   */
  task<T>(title: string, run: (note: (line: string) => void) => Promise<T>): Promise<T>;
}

export const silentReporter: Reporter = {
  info: () => undefined,
  warn: () => undefined,
  task: (_title, run) => run(() => undefined),
};

export function plainReporter(stream: Writable): Reporter {
  const write = (line: string): void => {
    stream.write(`${line}\n`);
  };
  return {
    info: write,
    warn: (line) => {
      write(`warning: ${line}`);
    },
    async task(title, run) {
      write(`${title}...`);
      return run(write);
    },
  };
}

export function terminalReporter(): Reporter {
  return {
    info: (line) => {
      log.info(line);
    },
    warn: (line) => {
      log.warn(line);
    },
    async task(title, run) {
      const notes: string[] = [];
      // The spinner takes over Ctrl-C while it spins; stop as a shell user expects.
      const progress = spinner({ onCancel: () => process.exit(130) });
      progress.start(title);
      try {
        const result = await run((line) => notes.push(line));
        progress.stop(title);
        return result;
      } catch (error) {
        progress.error(`${title}: failed`);
        throw error;
      } finally {
        for (const line of notes) log.info(line);
      }
    },
  };
}
