import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
// The account UI package bundles its PatternFly components; their styles ship as one stylesheet that
// the package does not export by name, hence the path.
import "../node_modules/@keycloak/keycloak-account-ui/lib/keycloak-account-ui.css";
import "./keys/keys.css";

import { KeycloakProvider } from "@keycloak/keycloak-account-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { environment } from "./environment";
import { i18n } from "./i18n";
import { Root } from "./Root";

await i18n.init();

// KeycloakProvider signs the user in with the client `account-console` (code + PKCE) and gives every
// page, ours included, the same keycloak-js instance through useEnvironment().
createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <KeycloakProvider environment={environment}>
      <Root />
    </KeycloakProvider>
  </StrictMode>,
);
