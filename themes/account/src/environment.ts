import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";

/**
 * The settings keycloak.v3's index.ftl writes into the page (`<script id="environment">`): server URL,
 * realm, the client `account-console`, the theme's resource URL, the console's base URL and its features.
 */
export function readEnvironment(): AccountEnvironment {
  const text = document.getElementById("environment")?.textContent;
  if (!text) {
    throw new Error("The account console's environment is missing from the page.");
  }
  return JSON.parse(text) as AccountEnvironment;
}

export const environment = readEnvironment();

/** Joins URL parts with exactly one slash between them. */
export function joinPath(...parts: string[]): string {
  return parts
    .map((part, i) => {
      let p = part;
      if (i > 0) p = p.replace(/^\/+/, "");
      if (i < parts.length - 1) p = p.replace(/\/+$/, "");
      return p;
    })
    .join("/");
}
