import "@patternfly/react-core/dist/styles/base.css";
import "@patternfly/patternfly/patternfly-addons.css";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { signIn } from "./auth";

const root = createRoot(document.getElementById("root")!);

signIn()
  .then(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  )
  .catch(() => {
    root.render(
      <p role="alert" className="keygate-fatal">
        Signing in to Keycloak failed. Reload the page to try again.
      </p>,
    );
  });
