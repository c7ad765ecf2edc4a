import { describe, expect, it } from "vitest";

import { chooseLocale } from "./locale";

describe("chooseLocale", () => {
  const realm = { locale: "en", supportedLocales: ["en", "de", "fr", "es"] };

  it("takes the user's own locale when the realm supports it", () => {
    expect(chooseLocale(realm, "de")).toBe("de");
    expect(chooseLocale(realm, "es")).toBe("es");
  });

  it("falls back to the locale Keycloak resolved for the browser", () => {
    expect(chooseLocale(realm, "it")).toBe("en");
    expect(chooseLocale({ ...realm, locale: "fr" })).toBe("fr");
  });

  it("ignores the user's locale when the realm has internationalization off", () => {
    expect(chooseLocale({ locale: "en", supportedLocales: ["en"] }, "de")).toBe("en");
  });
});
