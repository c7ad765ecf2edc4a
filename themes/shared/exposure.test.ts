import { describe, expect, it } from "vitest";

import { clearClipboard, type ClipboardAccess, copyToClipboard } from "./exposure";

/** A clipboard that may refuse reading (as browsers do without permission) or writing (without focus). */
function clipboard(content: string, { canRead = true, canWrite = true } = {}) {
  const state = { content };
  const access: ClipboardAccess = {
    readText: async () => {
      if (!canRead) throw new DOMException("denied", "NotAllowedError");
      return state.content;
    },
    writeText: async (text: string) => {
      if (!canWrite) throw new DOMException("not focused", "NotAllowedError");
      state.content = text;
    },
  };
  return { state, access };
}

describe("the clipboard", () => {
  it("gets the password on Copy", async () => {
    const { state, access } = clipboard("");
    expect(await copyToClipboard("111111-222222", access)).toBe(true);
    expect(state.content).toBe("111111-222222");
  });

  it("is cleared on hiding when it still holds the password", async () => {
    const { state, access } = clipboard("111111-222222");
    expect(await clearClipboard("111111-222222", access)).toBe(true);
    expect(state.content).toBe("");
  });

  it("keeps what the user copied since", async () => {
    const { state, access } = clipboard("something else");
    expect(await clearClipboard("111111-222222", access)).toBe(true);
    expect(state.content).toBe("something else");
  });

  it("is cleared unconditionally where the page may not read it", async () => {
    const { state, access } = clipboard("something else", { canRead: false });
    expect(await clearClipboard("111111-222222", access)).toBe(true);
    expect(state.content).toBe("");
  });

  it("reports a refused clear, so that it is tried again when the page has the focus", async () => {
    const { state, access } = clipboard("111111-222222", { canWrite: false });
    expect(await clearClipboard("111111-222222", access)).toBe(false);
    expect(state.content).toBe("111111-222222");
    expect(await copyToClipboard("x", access)).toBe(false);
  });
});
