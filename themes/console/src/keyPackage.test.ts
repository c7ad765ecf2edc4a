import { describe, expect, it } from "vitest";

import type { Revealed } from "../../shared/types";
import { keyPackageFile, withoutKeyPackage } from "./keyPackage";

const released: Revealed = {
  deviceId: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
  deviceName: "LAPTOP-042",
  keyId: "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d",
  volumeType: "OPERATING_SYSTEM",
  createdAt: "2026-12-01T10:00:00Z",
  recoveryPassword: "000000-000011-000022-000033-000044-000055-000066-000077",
  auditId: "a1",
};

describe("keyPackageFile", () => {
  it("is the key's .kpg file with the bytes the base64 stands for, every byte value kept", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_v, i) => i);
    const base64 = btoa(String.fromCharCode(...bytes));

    const file = keyPackageFile({ ...released, keyPackage: base64 });

    expect(file?.name).toBe("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d.kpg");
    expect(file?.bytes).toEqual(bytes);
  });

  it("is nothing when the release carried no package", () => {
    expect(keyPackageFile(released)).toBeUndefined();
  });

  it("leaves the release shown on the page without the package", () => {
    const shown = withoutKeyPackage({ ...released, keyPackage: "AAEC" });

    expect(shown).toEqual(released);
    expect("keyPackage" in shown).toBe(false);
  });
});
