// An actor per key with a bounded mailbox. Work sent for one key runs one job at a time, first
// come first served; work for different keys runs side by side. Behind the job in flight, a key's
// mailbox holds at most `mailboxSize` jobs: one more is refused at once with TOO_MANY_REQUESTS
// (backpressure), never queued without bound. A key whose mailbox empties is dropped, so memory
// follows the keys in use. `close()` refuses new work and resolves once accepted work has run.
//
// It serializes work within one process only; what must hold across instances (a balance that
// never goes negative, say) is still enforced by the database. The actor removes the contention
// that would otherwise meet there. See docs/mailbox.md.
import { Counter, Gauge, type Registry } from "prom-client";
import { AppError } from "./errors.js";
import { sharedMetric } from "./metrics.js";

export interface KeyedActorOptions {
  /** Names the actor in errors and in the `actor` label of its metrics. */
  name: string;
  /** How many jobs may wait for one key behind the one in flight; one more is refused. */
  mailboxSize: number;
  /** Records waiting jobs, busy keys and refusals here; no metrics without it. */
  registry?: Registry;
}

export type KeyedActor = ReturnType<typeof createKeyedActor>;

/** A job in a mailbox: runs it, and once it has settled, resolves with what hands its outcome to the caller. */
type Letter = () => Promise<() => void>;

export function createKeyedActor({ name, mailboxSize, registry }: KeyedActorOptions) {
  if (!Number.isInteger(mailboxSize) || mailboxSize < 0) {
    throw new RangeError(
      `${name}: the mailbox size must be a whole number of 0 or more, not ${String(mailboxSize)}`,
    );
  }
  const metrics = registry === undefined ? undefined : actorMetrics(registry);
  const labels = { actor: name };
  /** Jobs not yet started, per key; a key is present while one of its jobs runs or waits. */
  const mailboxes = new Map<string, Letter[]>();
  let waiting = 0;
  let closed = false;
  let drain: (() => void) | undefined;
  const drained = new Promise<void>((resolve) => {
    drain = resolve;
  });

  function record(): void {
    metrics?.waiting.set(labels, waiting);
    metrics?.keys.set(labels, mailboxes.size);
  }

  async function work(key: string, mailbox: Letter[]): Promise<void> {
    for (let letter = mailbox.shift(); letter !== undefined; letter = mailbox.shift()) {
      waiting -= 1;
      record();
      const release = await letter();
      // The key is dropped before its last caller resumes, so that caller sees no busy key.
      if (mailbox.length === 0) {
        mailboxes.delete(key);
        record();
        if (closed && mailboxes.size === 0) drain?.();
      }
      release();
    }
  }

  return {
    /**
     * Runs `job` once every job sent earlier for `key` has settled, and settles as it does.
     * Refused at once, without running it, when the key's mailbox is full (TOO_MANY_REQUESTS)
     * or the actor is closing (UNAVAILABLE).
     */
    run<T>(key: string, job: () => Promise<T>): Promise<T> {
      if (closed) {
        return Promise.reject(
          new AppError("UNAVAILABLE", `${name} is shutting down`, { details: { actor: name } }),
        );
      }
      const existing = mailboxes.get(key);
      if (existing !== undefined && existing.length >= mailboxSize) {
        metrics?.refused.inc(labels);
        return Promise.reject(
          new AppError(
            "TOO_MANY_REQUESTS",
            `${name} is busy with ${key}: ${String(mailboxSize)} requests already wait; try again later`,
            {
              details: { actor: name, key, mailboxSize },
            },
          ),
        );
      }
      const mailbox = existing ?? [];
      const answer = new Promise<T>((resolve) => {
        mailbox.push(async () => {
          const outcome = Promise.resolve().then(job);
          await outcome.catch(() => undefined);
          return () => {
            resolve(outcome);
          };
        });
      });
      waiting += 1;
      if (existing === undefined) {
        mailboxes.set(key, mailbox);
        void work(key, mailbox);
      }
      record();
      return answer;
    },

    /**
     * Whether `run` would accept a job for `key` now: a caller about to start work that will need
     * the actor later refuses early rather than half-way.
     */
    hasRoom(key: string): boolean {
      const mailbox = mailboxes.get(key);
      // An idle key takes a job at once, even with no room to wait (a mailbox of 0).
      return !closed && (mailbox === undefined || mailbox.length < mailboxSize);
    },

    /** Keys with a job in flight or waiting, and the jobs waiting across them. */
    stats(): { keys: number; waiting: number } {
      return { keys: mailboxes.size, waiting };
    },

    /** Refuses new work from now on; resolves once every accepted job has settled. */
    close(): Promise<void> {
      closed = true;
      if (mailboxes.size === 0) drain?.();
      return drained;
    },
  };
}

interface ActorMetrics {
  waiting: Gauge<"actor">;
  keys: Gauge<"actor">;
  refused: Counter<"actor">;
}

/** The actors' metrics in a registry, created by the first actor and shared by the others. */
function actorMetrics(registry: Registry): ActorMetrics {
  return {
    waiting: sharedMetric(
      registry,
      "actor_mailbox_waiting",
      () =>
        new Gauge({
          name: "actor_mailbox_waiting",
          help: "Jobs waiting in an actor's mailboxes, over all keys",
          labelNames: ["actor"],
          registers: [registry],
        }),
    ),
    keys: sharedMetric(
      registry,
      "actor_busy_keys",
      () =>
        new Gauge({
          name: "actor_busy_keys",
          help: "Keys of an actor with a job in flight or waiting",
          labelNames: ["actor"],
          registers: [registry],
        }),
    ),
    refused: sharedMetric(
      registry,
      "actor_mailbox_refused_total",
      () =>
        new Counter({
          name: "actor_mailbox_refused_total",
          help: "Jobs refused because their key's mailbox was full",
          labelNames: ["actor"],
          registers: [registry],
        }),
    ),
  };
}
