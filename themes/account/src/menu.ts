import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";

/** An entry of the theme's content.json (the navigation): a page, or a group of pages. */
export type MenuItem = {
  id?: string;
  label: string;
  path?: string;
  isVisible?: keyof AccountEnvironment["features"];
  children?: MenuItem[];
};
