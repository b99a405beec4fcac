// The three-way merge that keeps a user's edits when the generator writes a file again: the
// generator's change (base to generated) lands in the file as it is (current); overlapping
// changes become git-style conflict markers.
import { describe, expect, it } from "vitest";
import { conflictMarkers, mergeThreeWay } from "../../../generators/src/shared/merge.js";

const lines = (...text: string[]) => `${text.join("\n")}\n`;

describe("mergeThreeWay", () => {
  it("takes the generated text when the file is as the generator left it", () => {
    expect(mergeThreeWay({ base: lines("a", "b"), current: lines("a", "b"), generated: lines("a", "B") })).toEqual({
      text: lines("a", "B"),
      conflicts: 0,
    });
  });

  it("keeps the file as it is when the generator changes nothing", () => {
    expect(mergeThreeWay({ base: lines("a", "b"), current: lines("a", "b", "mine"), generated: lines("a", "b") })).toEqual({
      text: lines("a", "b", "mine"),
      conflicts: 0,
    });
  });

  it("applies the generator's change beside the user's own, when they touch different lines", () => {
    const base = lines("one", "two", "three", "four", "five");
    const current = lines("one", "mine", "two", "three", "four", "five");
    const generated = lines("one", "two", "three", "four", "theirs", "five");
    expect(mergeThreeWay({ base, current, generated })).toEqual({
      text: lines("one", "mine", "two", "three", "four", "theirs", "five"),
      conflicts: 0,
    });
  });

  it("is not a conflict when both sides made the same change", () => {
    const base = lines("a", "b", "c");
    const both = lines("a", "B", "c", "d");
    const current = lines("x", "a", "B", "c", "d");
    expect(mergeThreeWay({ base, current, generated: both })).toEqual({ text: current, conflicts: 0 });
  });

  it("writes the user's lines and the generator's between conflict markers where both changed the same lines", () => {
    const base = lines("a", "b", "c");
    const current = lines("a", "mine", "c");
    const generated = lines("a", "theirs", "c");
    expect(mergeThreeWay({ base, current, generated })).toEqual({
      text: lines("a", conflictMarkers.current, "mine", conflictMarkers.separator, "theirs", conflictMarkers.generated, "c"),
      conflicts: 1,
    });
    expect(conflictMarkers).toEqual({ current: "<<<<<<< current", separator: "=======", generated: ">>>>>>> generated" });
  });

  it("keeps both when the user and the generator append lines at the same place, the user's first", () => {
    const base = lines("describe(", "  it(1)", "});");
    const current = lines("describe(", "  it(1)", "  it(mine)", "});");
    const generated = lines("describe(", "  it(1)", "  it(theirs)", "});");
    expect(mergeThreeWay({ base, current, generated })).toEqual({
      text: lines("describe(", "  it(1)", "  it(mine)", "  it(theirs)", "});"),
      conflicts: 0,
    });
  });

  it("removes what the generator removed right before lines the user added", () => {
    const base = lines("describe(", "  it(1)", "  it(2)", "});");
    const current = lines("describe(", "  it(1)", "  it(2)", "  it(mine)", "});");
    const generated = lines("describe(", "  it(1)", "});");
    expect(mergeThreeWay({ base, current, generated })).toEqual({
      text: lines("describe(", "  it(1)", "  it(mine)", "});"),
      conflicts: 0,
    });
  });

  it("moves lines the user added next to a removed block out of it when blank lines make the place ambiguous", () => {
    const base = lines("describe(", "  it(1)", "", "  it(2)", "  end", "});");
    const current = lines("describe(", "  it(1)", "", "  it(mine)", "  end", "", "  it(2)", "  end", "});");
    const generated = lines("describe(", "  it(1)", "});");
    expect(mergeThreeWay({ base, current, generated })).toEqual({
      text: lines("describe(", "  it(1)", "", "  it(mine)", "  end", "});"),
      conflicts: 0,
    });
  });

  it("is a conflict when the user inserts lines inside what the generator replaces", () => {
    const base = lines("a", "b", "c", "d");
    const current = lines("a", "b", "mine", "c", "d");
    const generated = lines("a", "B", "C", "d");
    expect(mergeThreeWay({ base, current, generated }).conflicts).toBe(1);
  });

  it("counts each conflicting region", () => {
    const base = lines("a", "1", "2", "3", "4", "b");
    const current = lines("A", "1", "2", "3", "4", "B");
    const generated = lines("x", "1", "2", "3", "4", "y");
    expect(mergeThreeWay({ base, current, generated }).conflicts).toBe(2);
  });
});
