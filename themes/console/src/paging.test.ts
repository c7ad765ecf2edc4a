import { describe, expect, it } from "vitest";

import { appendPage } from "./paging";

describe("appendPage", () => {
  it("replaces the list with a first page", () => {
    expect(appendPage(["old"], { items: ["a", "b"], next: "c1" }, null)).toEqual(["a", "b"]);
    expect(appendPage(undefined, { items: [], next: null }, null)).toEqual([]);
  });

  it("appends a later page (a cursor was sent)", () => {
    expect(appendPage(["a", "b"], { items: ["c"], next: null }, "c1")).toEqual(["a", "b", "c"]);
    expect(appendPage(undefined, { items: ["c"], next: null }, "c1")).toEqual(["c"]);
  });
});
