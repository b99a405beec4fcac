import { Counter, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { sharedMetric } from "./metrics.js";

describe("sharedMetric", () => {
  const counter = (registry: Registry) =>
    sharedMetric(
      registry,
      "jobs_total",
      () => new Counter({ name: "jobs_total", help: "Jobs", registers: [registry] }),
    );

  it("creates a metric once per registry and hands the same one to every later caller", async () => {
    const registry = new Registry();
    counter(registry).inc();
    counter(registry).inc();
    expect(counter(registry)).toBe(counter(registry));
    expect(await registry.getSingleMetricAsString("jobs_total")).toContain("jobs_total 2");
  });

  it("keeps registries apart", () => {
    expect(counter(new Registry())).not.toBe(counter(new Registry()));
  });
});
