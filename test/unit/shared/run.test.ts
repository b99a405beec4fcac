import { describe, expect, it } from "vitest";
import { expectSuccess, run } from "../../support/run.js";

describe("run and expectSuccess, the test helpers that drive real toolchains", () => {
  it("keep a command's exit code and output", async () => {
    const result = await run(process.execPath, ["-e", "console.log('out'); console.error('err'); process.exit(3)"], { cwd: process.cwd() });
    expect(result).toEqual({ code: 3, output: expect.stringMatching(/out\n[\s\S]*err\n|err\n[\s\S]*out\n/) as unknown });
    expect(() => {
      expectSuccess(result, "the command");
    }).toThrow(/^the command failed with exit code 3:\n/);
  });

  it("kill a command that outlives its time, and say so rather than report an exit code", async () => {
    const result = await run(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { cwd: process.cwd(), timeoutMs: 200 });
    expect(result).toMatchObject({ code: null, killedAfterMs: 200 });
    expect(() => {
      expectSuccess(result, "the command");
    }).toThrow(/^the command did not finish within 0\.2 s and was killed:\n/);
  });
});
