import { type AccountEnvironment, useEnvironment } from "@keycloak/keycloak-account-ui";
import { Nav, NavExpandable, NavItem, NavList, PageSidebar, PageSidebarBody } from "@patternfly/react-core";
import type { MouseEvent, PropsWithChildren } from "react";
import { useTranslation } from "react-i18next";
import { matchPath, useHref, useLinkClickHandler, useLocation } from "react-router-dom";

import type { MenuItem } from "./menu";

/** A page's address under the console: the base URL's path plus the content.json path. */
function fullPath(path: string, baseUrl: string): string {
  return `${new URL(baseUrl).pathname}${path}`;
}

function isActive(pathname: string, item: MenuItem, baseUrl: string): boolean {
  if (item.children) {
    return item.children.some((child) => isActive(pathname, child, baseUrl));
  }
  return item.path !== undefined && !!matchPath(fullPath(item.path, baseUrl), pathname);
}

function visible(item: MenuItem, features: AccountEnvironment["features"]): boolean {
  return !item.isVisible || !!features[item.isVisible];
}

/** A link that navigates inside the console without reloading it; data-testid is the path, as in Keycloak's. */
function NavLink({ path, active, children }: PropsWithChildren<{ path: string; active: boolean }>) {
  const { environment } = useEnvironment<AccountEnvironment>();
  const target = fullPath(path, environment.baseUrl) + window.location.search;
  const href = useHref(target);
  const onClick = useLinkClickHandler(target);
  return (
    <NavItem
      data-testid={path}
      to={href}
      isActive={active}
      onClick={(event) => onClick(event as unknown as MouseEvent<HTMLAnchorElement>)}
    >
      {children}
    </NavItem>
  );
}

function Entry({ item }: { item: MenuItem }) {
  const { t } = useTranslation();
  const { environment } = useEnvironment<AccountEnvironment>();
  const { pathname } = useLocation();
  const active = isActive(pathname, item, environment.baseUrl);
  if (!item.children) {
    return (
      <NavLink path={item.path ?? ""} active={active}>
        {t(item.label)}
      </NavLink>
    );
  }
  return (
    <NavExpandable data-testid={item.label} title={t(item.label)} isActive={active} isExpanded={active}>
      {item.children
        .filter((child) => visible(child, environment.features))
        .map((child) => (
          <Entry key={child.label} item={child} />
        ))}
    </NavExpandable>
  );
}

/** The console's navigation, built from the theme's content.json like Keycloak's own. */
export function PageNav({ content }: { content: MenuItem[] }) {
  const { environment } = useEnvironment<AccountEnvironment>();
  return (
    <PageSidebar>
      <PageSidebarBody>
        <Nav>
          <NavList>
            {content
              .filter((item) => visible(item, environment.features))
              .map((item) => (
                <Entry key={item.label} item={item} />
              ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
}
