import { describe, expect, it } from "vitest";

import { formatNumber, formatTime, shortKeyId } from "./format";

describe("formatTime", () => {
  // Noon, so that the day is the same in every time zone the tests may run in.
  const iso = "2026-12-06T12:00:00Z";

  it("writes the date in the page's language", () => {
    expect(formatTime(iso, "en")).toMatch(/^Dec 6, 2026/);
    expect(formatTime(iso, "de")).toMatch(/^06\.12\.2026/);
    expect(formatTime(iso, "fr")).toMatch(/^6 déc\. 2026/);
    expect(formatTime(iso, "es")).toMatch(/^6 dic 2026/);
  });

  it("answers a dash for no date and the raw text for an unreadable one", () => {
    expect(formatTime(undefined, "en")).toBe("—");
    expect(formatTime(null, "de")).toBe("—");
    expect(formatTime("not a date", "de")).toBe("not a date");
  });
});

describe("formatNumber", () => {
  it("groups digits the locale's way", () => {
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
    expect(formatNumber(1234567, "de")).toBe("1.234.567");
    expect(formatNumber(1234567, "fr").replace(/\s/g, " ")).toBe("1 234 567");
  });
});

describe("shortKeyId", () => {
  it("is the first group of the key ID in capitals, as the recovery screen shows it", () => {
    expect(shortKeyId("1f2e3d4c-aaaa-bbbb-cccc-000000000000")).toBe("1F2E3D4C");
  });
});
