import { describe, expect, it } from "vitest";

import {
  campaignMay,
  devicesNamed,
  devicesWithPrefix,
  eachLimited,
  parseDeviceList,
  previewList,
  previewOf,
  progressOf,
  singleMatch,
  withoutUnknown,
} from "./campaigns";
import type { Device } from "../../shared/types";

const ID_A = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
const ID_B = "9b2a1c4e-0d3f-4b5a-8c7d-6e5f4a3b2c1d";
const ID_GONE = "c0ffee00-0000-4000-8000-000000000002";

describe("parseDeviceList", () => {
  it("reads one device a line or separated by commas, semicolons and tabs, and tells IDs from names", () => {
    const list = parseDeviceList(`PC-001\nPC-002, ${ID_A}\r\n;PC-003\t{${ID_B.toUpperCase()}}\n\n , `);
    expect(list).toEqual({ ids: [ID_A, ID_B], names: ["PC-001", "PC-002", "PC-003"] });
  });

  it("keeps each device once, whatever its case", () => {
    expect(parseDeviceList(`pc-001\nPC-001\n${ID_A}\n${ID_A.toUpperCase()}`)).toEqual({ ids: [ID_A], names: ["pc-001"] });
  });

  it("takes what only looks like a GUID for a name", () => {
    expect(parseDeviceList("3f2504e0-4f89-11d3-9a0c\nzz2504e0-4f89-11d3-9a0c-0305e82c3301").ids).toEqual([]);
  });

  it("reads nothing from blanks", () => {
    expect(parseDeviceList(" \n,\t;")).toEqual({ ids: [], names: [] });
  });
});

const device = (deviceId: string, deviceName: string) => ({ deviceId, deviceName }) as Device;

describe("the preview", () => {
  it("means by a name only the devices of exactly that name", () => {
    const answers = [device(ID_A, "PC-1"), device(ID_B, "PC-10")];
    expect(devicesNamed("pc-1", answers)).toEqual([{ deviceId: ID_A, deviceName: "PC-1" }]);
    expect(devicesNamed("PC-2", answers)).toEqual([]);
  });

  it("lists the devices found once and the entries nothing answered for", () => {
    const preview = previewOf([
      { entry: "PC-1", devices: [{ deviceId: ID_A, deviceName: "PC-1" }] },
      { entry: ID_A, devices: [{ deviceId: ID_A, deviceName: "PC-1" }] },
      { entry: "GHOST", devices: [] },
      { entry: "TWIN", devices: [{ deviceId: ID_B, deviceName: "TWIN" }, { deviceId: "c0ffee00-0000-4000-8000-000000000001", deviceName: "TWIN" }] },
    ]);
    expect(preview.found.map((d) => d.deviceId)).toEqual([ID_A, ID_B, "c0ffee00-0000-4000-8000-000000000001"]);
    expect(preview.notFound).toEqual(["GHOST"]);
  });

  it("moves the IDs the server did not know to the not-found ones", () => {
    const preview = { found: [{ deviceId: ID_A, deviceName: "PC-1" }, { deviceId: ID_B, deviceName: "PC-2" }], notFound: ["GHOST"] };
    expect(withoutUnknown(preview, [ID_B.toUpperCase()])).toEqual({ found: [{ deviceId: ID_A, deviceName: "PC-1" }], notFound: ["GHOST", ID_B.toUpperCase()] });
  });
});

describe("previewList", () => {
  it("looks up each name and each ID and sorts them into found and not found", async () => {
    const named: string[] = [];
    const preview = await previewList(parseDeviceList(`PC-1\nGHOST\n${ID_GONE}\n${ID_B}`), {
      named: async (name) => {
        named.push(name);
        return name === "PC-1" ? [{ deviceId: ID_A, deviceName: "PC-1" }] : [];
      },
      byId: async (deviceId) => (deviceId === ID_B ? { deviceId, deviceName: "PC-2" } : undefined),
    });
    expect(named).toEqual(["PC-1", "GHOST"]);
    expect(preview).toEqual({ found: [{ deviceId: ID_A, deviceName: "PC-1" }, { deviceId: ID_B, deviceName: "PC-2" }], notFound: ["GHOST", ID_GONE] });
  });

  it("keeps of a prefix search only the names that start with it", () => {
    expect(devicesWithPrefix(" kiosk-", [device(ID_A, "KIOSK-01"), device(ID_B, "POS-01")])).toEqual([{ deviceId: ID_A, deviceName: "KIOSK-01" }]);
  });
});

describe("eachLimited", () => {
  it("never runs more than the limit at once, keeps the order and counts what is done", async () => {
    let running = 0;
    let most = 0;
    const counts: number[] = [];
    const results = await eachLimited(
      [5, 1, 4, 2, 3, 0, 6],
      3,
      async (n) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, n));
        running -= 1;
        return n * 10;
      },
      (done) => counts.push(done),
    );
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(most).toBe(3);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("answers nothing for nothing", async () => {
    expect(await eachLimited([], 4, async () => 1)).toEqual([]);
  });
});

describe("progressOf", () => {
  it("counts the waiting devices; rotated ones are among the revealed", () => {
    expect(progressOf({ devices: 40, revealed: 12, rotated: 3 })).toEqual({ devices: 40, revealed: 12, rotated: 3, waiting: 28 });
  });

  it("never shows more done than there is", () => {
    expect(progressOf({ devices: 2, revealed: 5, rotated: 7 })).toEqual({ devices: 2, revealed: 2, rotated: 2, waiting: 0 });
    expect(progressOf({ devices: 0, revealed: 0, rotated: 0 }).waiting).toBe(0);
  });
});

describe("campaignMay", () => {
  const requester = { userId: "u-1", username: "anna" };
  const helpdesk = { approve: false, findKeys: true };
  const approver = { approve: true, findKeys: false };

  it("lets another approver decide a pending campaign, never its requester", () => {
    expect(campaignMay({ status: "PENDING", requester }, "u-2", approver).decide).toBe(true);
    expect(campaignMay({ status: "PENDING", requester }, "u-1", { approve: true, findKeys: true }).decide).toBe(false);
    expect(campaignMay({ status: "ACTIVE", requester }, "u-2", approver).decide).toBe(false);
    expect(campaignMay({ status: "PENDING", requester }, "u-2", helpdesk).decide).toBe(false);
  });

  it("reveals only under an active campaign, for those who find keys", () => {
    expect(campaignMay({ status: "ACTIVE", requester }, "u-2", helpdesk).reveal).toBe(true);
    expect(campaignMay({ status: "PENDING", requester }, "u-2", helpdesk).reveal).toBe(false);
    expect(campaignMay({ status: "ACTIVE", requester }, "u-2", approver).reveal).toBe(false);
  });

  it("lets the requester or an approver close an open campaign", () => {
    expect(campaignMay({ status: "ACTIVE", requester }, "u-1", helpdesk).close).toBe(true);
    expect(campaignMay({ status: "PENDING", requester }, "u-2", approver).close).toBe(true);
    expect(campaignMay({ status: "ACTIVE", requester }, "u-2", helpdesk).close).toBe(false);
    expect(campaignMay({ status: "CLOSED", requester }, "u-1", approver).close).toBe(false);
  });
});

describe("singleMatch", () => {
  it("is the one device found, not one of several", () => {
    expect(singleMatch(["a"])).toBe("a");
    expect(singleMatch(["a", "b"])).toBeUndefined();
    expect(singleMatch([])).toBeUndefined();
    expect(singleMatch(undefined)).toBeUndefined();
  });
});
