import Keycloak from "keycloak-js";

/**
 * Signing in with the realm's public client `bitlocker-console` (authorization code + PKCE).
 * The realm and the server are read off the console's own address:
 * `<server>/realms/<realm>/devices/security/bitlocker/console/`.
 */
const CONSOLE_PATH = /^(.*)\/realms\/([^/]+)\/devices\/security\/bitlocker\/console\/?/;
const RETURN_TO = "keygate.returnTo";

export interface Location {
  serverUrl: string;
  realm: string;
  consoleUrl: string;
  apiUrl: string;
  adminUrl: string;
}

export function whereAmI(): Location {
  const match = CONSOLE_PATH.exec(window.location.pathname);
  if (!match) {
    throw new Error("The console must be opened at /realms/{realm}/devices/security/bitlocker/console/");
  }
  const serverUrl = window.location.origin + match[1];
  const realm = decodeURIComponent(match[2]);
  const realmPath = `${serverUrl}/realms/${encodeURIComponent(realm)}`;
  return {
    serverUrl,
    realm,
    consoleUrl: `${realmPath}/devices/security/bitlocker/console/`,
    apiUrl: `${realmPath}/devices/security/bitlocker`,
    adminUrl: `${serverUrl}/admin/realms/${encodeURIComponent(realm)}/bitlocker`,
  };
}

export const here = whereAmI();

export const keycloak = new Keycloak({
  url: here.serverUrl,
  realm: here.realm,
  clientId: "bitlocker-console",
});

/** Signs in (a redirect when needed) and comes back to the page the user was on. */
export async function signIn(): Promise<void> {
  // A deep link (an approver's e-mail, a bookmark): the sign-in comes back to the console's root.
  if (window.location.hash.startsWith("#/") && !sessionStorage.getItem(RETURN_TO)) {
    sessionStorage.setItem(RETURN_TO, window.location.hash);
  }
  await keycloak.init({
    onLoad: "login-required",
    pkceMethod: "S256",
    checkLoginIframe: false,
    // The console routes with the fragment: the code comes back in the query instead.
    responseMode: "query",
    redirectUri: here.consoleUrl,
  });
  const returnTo = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  if (returnTo && returnTo.startsWith("#/") && window.location.hash !== returnTo) {
    window.location.hash = returnTo;
  }
}

/** A fresh login at the level and age a step-up challenge asks for (RFC 9470). */
export function stepUp(acrValues: string | undefined, maxAge: number | undefined): Promise<void> {
  sessionStorage.setItem(RETURN_TO, window.location.hash || "#/");
  return keycloak.login({
    redirectUri: here.consoleUrl,
    acrValues,
    maxAge,
  });
}

export function signOut(): Promise<void> {
  return keycloak.logout({ redirectUri: here.consoleUrl });
}

export function roles(): string[] {
  return keycloak.tokenParsed?.realm_access?.roles ?? [];
}

/** What the signed-in user may see in the console (the server decides what they may do). */
export interface Abilities {
  findKeys: boolean;
  requests: boolean;
  approve: boolean;
  campaigns: boolean;
  createCampaign: boolean;
  health: boolean;
  audit: boolean;
  settings: boolean;
}

export function abilities(): Abilities {
  const realmRoles = roles();
  const has = (role: string) => realmRoles.includes(role);
  const realmManagement = keycloak.tokenParsed?.resource_access?.["realm-management"]?.roles ?? [];
  return {
    findKeys: has("bitlocker-helpdesk") || has("bitlocker-admin"),
    requests: has("bitlocker-helpdesk") || has("bitlocker-admin") || has("bitlocker-approver"),
    approve: has("bitlocker-approver") || has("bitlocker-admin"),
    campaigns: has("bitlocker-helpdesk") || has("bitlocker-admin") || has("bitlocker-approver") || has("bitlocker-auditor"),
    createCampaign: has("bitlocker-admin"),
    health: has("bitlocker-helpdesk") || has("bitlocker-admin") || has("bitlocker-auditor"),
    audit: has("bitlocker-auditor") || has("bitlocker-admin"),
    settings: realmManagement.includes("manage-realm") || realmManagement.includes("view-realm"),
  };
}

export function userId(): string {
  return keycloak.tokenParsed?.sub ?? "";
}

/** The user's own language (the `locale` claim of Keycloak's profile scope), when they chose one. */
export function userLocale(): string | undefined {
  const claim = keycloak.idTokenParsed?.locale ?? keycloak.tokenParsed?.locale;
  return typeof claim === "string" && claim ? claim : undefined;
}

export function username(): string {
  return (keycloak.tokenParsed?.preferred_username as string | undefined) ?? "";
}

/** A valid access token, refreshed when it is about to expire. */
export async function accessToken(): Promise<string> {
  try {
    await keycloak.updateToken(20);
  } catch {
    sessionStorage.setItem(RETURN_TO, window.location.hash || "#/");
    await keycloak.login({ redirectUri: here.consoleUrl });
  }
  return keycloak.token ?? "";
}
