import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError, callApi } from "./http";

afterEach(() => vi.unstubAllGlobals());

const refuse = (status: number, problem: object) =>
  vi.stubGlobal("fetch", async () => new Response(JSON.stringify(problem), { status, headers: { "Content-Type": "application/problem+json" } }));

describe("callApi", () => {
  it("carries the device IDs a refused campaign did not know", async () => {
    refuse(400, { code: "invalid_request", detail: "unknown devices", unknown: ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", 7] });
    const error = await callApi({ method: "POST", url: "http://kc/campaigns", token: "t", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("invalid_request");
    expect((error as ApiError).unknown).toEqual(["3f2504e0-4f89-11d3-9a0c-0305e82c3301"]);
  });

  it("has no unknown devices for other refusals", async () => {
    refuse(409, { code: "campaign_closed" });
    const error = (await callApi({ method: "POST", url: "http://kc/campaigns/1/approve", token: "t" }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("campaign_closed");
    expect(error.unknown).toBeUndefined();
  });
});
