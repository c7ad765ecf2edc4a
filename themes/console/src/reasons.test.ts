import { describe, expect, it } from "vitest";

import { reasonText } from "./reasons";

describe("reasonText", () => {
  it("joins the chosen reason and the details", () => {
    expect(reasonText("Forgotten BitLocker PIN", " User on the phone ")).toBe("Forgotten BitLocker PIN: User on the phone");
    expect(reasonText("Forgotten BitLocker PIN", "  ")).toBe("Forgotten BitLocker PIN");
  });

  it("is the details alone for 'Other', and nothing when both are empty", () => {
    expect(reasonText("", "Docking station swap")).toBe("Docking station swap");
    expect(reasonText("", " ")).toBeUndefined();
  });
});
