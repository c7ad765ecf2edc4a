import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { signIn, userLocale } from "./auth";
import { i18n, loadLocaleSettings, switchLanguage } from "./i18n";
import { chooseLocale } from "./locale";

const root = createRoot(document.getElementById("root")!);

// The texts first (in the browser's language), so that even a failed sign-in is reported in it; then the
// signed-in user's own language.
const settings = await loadLocaleSettings();
await switchLanguage(chooseLocale(settings));

signIn()
  .then(async () => {
    await switchLanguage(chooseLocale(settings, userLocale()));
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  })
  .catch(() => {
    root.render(
      <p role="alert" className="keygate-fatal">
        {i18n.t("bitlockerSignInFailed")}
      </p>,
    );
  });
