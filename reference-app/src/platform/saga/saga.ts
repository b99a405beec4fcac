// What a saga is: a name and a sequence of steps, each an action with, optionally, the action that
// undoes it. Definitions are plain data; saga-runner.ts drives them and records their state. See
// docs/saga.md.
import type { SqlClient } from "./saga-store.js";

/**
 * Says that a step failed for good (a refusal, invalid data) and left nothing to undo: no retry, and
 * the steps before it are compensated at once, not this one. A step that may have changed something
 * before failing throws any other error instead: once its attempts run out it is compensated too.
 */
export class FinalStepError extends Error {
  override readonly name = "FinalStepError";
}

export interface StepContext<Input> {
  sagaId: string;
  input: Input;
  /** What the steps completed before this one returned, by step name. */
  results: Readonly<Record<string, unknown>>;
  /**
   * The same on every attempt of this step of this saga, in this process or another after a crash:
   * hand it to whatever the step changes, so that a repeated attempt changes nothing more.
   */
  idempotencyKey: string;
  /** 1 on the first attempt. */
  attempt: number;
  /** Aborted when this process stops driving the saga (shutdown, or its run timed out). */
  signal: AbortSignal;
  /**
   * Call it first inside the transaction of a write the step makes to the saga's own database.
   * It holds the saga's row until the transaction ends, and throws SagaOwnershipLost, rolling the
   * write back, when this run no longer drives the saga: a run cut off from the database past its
   * lease can never write after the run that took over (a fencing token).
   */
  fence: (tx: SqlClient) => Promise<void>;
}

export interface CompensationContext<Input> extends StepContext<Input> {
  /** What the step returned, or undefined when it never completed (its outcome is unknown). */
  result: unknown;
}

export interface SagaStep<Input> {
  name: string;
  /** Does the step's work and returns what later steps or its compensation need (JSON). */
  run(context: StepContext<Input>): Promise<unknown>;
  /** Undoes the step; must succeed eventually, and do nothing when there is nothing to undo. */
  compensate?(context: CompensationContext<Input>): Promise<void>;
  /** Whether a failure may be tried again; by default anything but a FinalStepError. */
  retryable?(error: unknown): boolean;
  /** Attempts before the saga compensates, when the runner's retry policy should not decide. */
  maxAttempts?: number;
}

export interface FailureContext<Input> {
  sagaId: string;
  input: Input;
  results: Readonly<Record<string, unknown>>;
  /** Why the saga failed: the failing step's name and its error's message. */
  reason: string;
  signal: AbortSignal;
  fence: (tx: SqlClient) => Promise<void>;
}

export interface SagaDefinition<Input> {
  /** Letters, digits, `-` and `_`: it names the saga's job queue. */
  name: string;
  steps: readonly SagaStep<Input>[];
  /**
   * Runs once every completed step has been undone, before the saga is recorded FAILED (to tell
   * the saga's owner, such as marking an order failed). Tried until it succeeds, so it must be safe
   * to run twice.
   */
  onFailed?(context: FailureContext<Input>): Promise<void>;
}

const namePattern = /^[A-Za-z0-9_-]+$/;

export function defineSaga<Input>(definition: SagaDefinition<Input>): SagaDefinition<Input> {
  if (!namePattern.test(definition.name)) {
    throw new RangeError(
      `A saga's name may hold only letters, digits, "-" and "_", not ${JSON.stringify(definition.name)}`,
    );
  }
  if (definition.steps.length === 0) {
    throw new RangeError(`Saga ${definition.name} has no steps`);
  }
  const seen = new Set<string>();
  for (const step of definition.steps) {
    if (seen.has(step.name)) {
      throw new RangeError(`Saga ${definition.name} has two steps named ${step.name}`);
    }
    seen.add(step.name);
  }
  return definition;
}
