import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../test/support/clock.js";
import { createSystemService } from "./system.service.js";

describe("the system service", () => {
  it("tells the service's name and version, and the whole seconds it has run", () => {
    const clock = fixedClock(new Date("2024-01-01T00:00:00.000Z"));
    const system = createSystemService({ clock, info: { name: "shop", version: "1.2.3" } });
    clock.advance(61_999);
    expect(system.info()).toEqual({ name: "shop", version: "1.2.3", uptimeSeconds: 61 });
  });
});
