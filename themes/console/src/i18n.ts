import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { here } from "./auth";
import type { LocaleSettings } from "./locale";

/**
 * The console's texts come from Keycloak the way the account console's do: `/resources/{realm}/login/{locale}`
 * answers the realm's login theme messages with the extension's (theme-resources/messages/messages_*.properties,
 * which Keycloak adds to every theme) and the realm's own overrides (Realm settings → Localization).
 */
export const i18n = createInstance({
  fallbackLng: "en",
  showSupportNotice: false,
  nsSeparator: false,
  keySeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: `${here.serverUrl}/resources/${encodeURIComponent(here.realm)}/login/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as { key: string; value: string }[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend).use(initReactI18next);

export async function loadLocaleSettings(): Promise<LocaleSettings> {
  try {
    const response = await fetch(`${here.consoleUrl}locale`, { cache: "no-store", credentials: "omit" });
    if (response.ok) {
      return (await response.json()) as LocaleSettings;
    }
  } catch {
    // the texts fall back to English
  }
  return { locale: "en", supportedLocales: ["en"] };
}

export async function switchLanguage(language: string): Promise<void> {
  document.documentElement.lang = language;
  if (!i18n.isInitialized) {
    await i18n.init({ lng: language });
  } else if (i18n.language !== language) {
    await i18n.changeLanguage(language);
  }
}
