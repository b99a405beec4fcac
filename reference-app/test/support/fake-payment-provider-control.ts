// Starts the fake payment provider (fake-payment-provider.ts) as a process of its own and drives it
// over IPC: tests tell it how to behave and read back what it received.
//
//   const provider = await startFakePaymentProvider();
//   provider.url                                    // PAYMENT_PROVIDER_URL
//   await provider.behave({ failures: 2 });         // the next two requests answer 503
//   await provider.behave({ slowAnswers: 1, delayMs: 500 });
//   await provider.behave({ decline: true });
//   await provider.behave({});                      // every call succeeds again
//   await provider.down(); await provider.up();     // connection refused, then back on the same port
//   (await provider.received()).charges             // money taken, one per idempotency key
//   await provider.reset(); await provider.stop();
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Behaviour, Command, Received, Report } from "./fake-payment-provider.js";

export type { Behaviour, Received } from "./fake-payment-provider.js";

export interface FakePaymentProvider {
  url: string;
  /** Behaves as told from now on; what is not told is normal (charges succeed, answers at once). */
  behave(behaviour: Partial<Behaviour>): Promise<void>;
  received(): Promise<Received>;
  /** Forgets every request, charge, refund and remembered answer, and behaves normally. */
  reset(): Promise<void>;
  /** Stops listening: connections are refused. What it has received and answered is kept. */
  down(): Promise<void>;
  /** Listens again, on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

const providerFile = fileURLToPath(new URL("fake-payment-provider.ts", import.meta.url));

export async function startFakePaymentProvider(): Promise<FakePaymentProvider> {
  const child = fork(providerFile, [], {
    execArgv: ["--import", import.meta.resolve("tsx")],
    env: { ...process.env, PORT: "0" },
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      resolve();
    }),
  );
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 0;

  const url = await new Promise<string>((resolve, reject) => {
    child.on("message", (report: Report) => {
      if ("listening" in report) resolve(report.listening);
      else pending.get(report.id)?.(report.result);
    });
    void exited.then(() => {
      reject(new Error("the fake payment provider exited before it listened"));
    });
  });

  function send(command: Command): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, (result) => {
        pending.delete(id);
        resolve(result);
      });
      child.send({ id, ...command });
    });
  }

  return {
    url,
    behave: async (behaviour) => {
      await send({ command: "behave", behaviour });
    },
    received: async () => (await send({ command: "received" })) as Received,
    reset: async () => {
      await send({ command: "reset" });
    },
    down: async () => {
      await send({ command: "down" });
    },
    up: async () => {
      await send({ command: "up" });
    },
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}
