import { createInstance, type LanguageDetectorModule } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

import { environment, joinPath } from "./environment";

/**
 * The account console's texts come from Keycloak (`/resources/{realm}/account/{locale}`): the messages of
 * the realm's account theme, i.e. keycloak.v3's plus this theme's messages/messages_*.properties.
 * The account UI's components translate through react-i18next, so this instance is registered with it.
 */
const fromKeycloak: LanguageDetectorModule = {
  type: "languageDetector",
  detect: () => environment.locale,
};

export const i18n = createInstance({
  fallbackLng: "en",
  // No advertisement in the browser console.
  showSupportNotice: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  backend: {
    loadPath: joinPath(environment.serverBaseUrl, "resources", environment.realm, "account", "{{lng}}"),
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as { key: string; value: string }[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend).use(fromKeycloak).use(initReactI18next);

// The account UI's language selector announces a change of locale with this event.
window.addEventListener("languageChanged", (event) => {
  const language = (event as CustomEvent<{ language: string }>).detail?.language;
  if (language) {
    void i18n.changeLanguage(language);
  }
});
