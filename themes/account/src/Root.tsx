import { routes, useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { Page, PageSection, Spinner, Title } from "@patternfly/react-core";
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, Outlet, RouterProvider, type RouteObject } from "react-router-dom";

import { joinPath } from "./environment";
import { Header } from "./Header";
import { DEVICE_KEYS_PATH, DeviceKeysPage } from "./keys/DeviceKeysPage";
import type { MenuItem } from "./menu";
import { PageNav } from "./PageNav";

/** The stock pages of the account console, and ours. content.json decides which of them are shown. */
const PAGES: RouteObject[] = [...routes, { path: DEVICE_KEYS_PATH, element: <DeviceKeysPage /> }];

function toRoutes(items: MenuItem[], features: AccountEnvironment["features"]): RouteObject[] {
  return items.flatMap((item): RouteObject[] => {
    if (item.isVisible && !features[item.isVisible]) {
      return [];
    }
    if (item.children) {
      return toRoutes(item.children, features);
    }
    const page = PAGES.find((route) => route.path === (item.id ?? item.path));
    return page ? [{ path: item.path, element: page.element }] : [];
  });
}

function RouteError() {
  const { t } = useTranslation();
  return (
    <PageSection variant="light">
      <Title headingLevel="h1">{t("bitlockerProblemUnexpected")}</Title>
      <p>{t("bitlockerProblemUnexpectedNext")}</p>
    </PageSection>
  );
}

/**
 * The account console's frame as Keycloak's own: masthead, navigation from content.json, and the page
 * of the current route. Routes live under the console's base URL (`/realms/{realm}/account/`).
 * The frame, masthead and navigation use this build's PatternFly (the navigation toggle and the sidebar
 * talk through PatternFly's page context); the pages are the account UI package's own.
 */
export function Root() {
  const { environment } = useEnvironment<AccountEnvironment>();
  const [router, setRouter] = useState<ReturnType<typeof createBrowserRouter>>();

  useEffect(() => {
    const controller = new AbortController();
    fetch(joinPath(environment.resourceUrl, "content.json"), { signal: controller.signal })
      .then((response) => response.json() as Promise<MenuItem[]>)
      .then((content) =>
        setRouter(
          createBrowserRouter([
            {
              path: decodeURIComponent(new URL(environment.baseUrl).pathname),
              element: (
                <Page header={<Header />} sidebar={<PageNav content={content} />} isManagedSidebar>
                  <Suspense fallback={<Loading />}>
                    <Outlet />
                  </Suspense>
                </Page>
              ),
              errorElement: <RouteError />,
              children: [
                ...toRoutes(content, environment.features),
                { path: "*", element: <Navigate to=".." replace /> },
              ],
            },
          ]),
        ),
      )
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === "AbortError")) {
          setRouter(createBrowserRouter([{ path: "*", element: <RouteError /> }]));
        }
      });
    return () => controller.abort();
  }, [environment]);

  return router ? <RouterProvider router={router} /> : <Loading />;
}

function Loading() {
  const { t } = useTranslation();
  return <Spinner aria-label={t("bitlockerLoading")} />;
}
