import { type AccountEnvironment, useEnvironment } from "@keycloak/keycloak-account-ui";
import { KeycloakMasthead, label } from "@keycloak/keycloak-ui-shared";
import { Button } from "@patternfly/react-core";
import ExternalLinkSquareAltIcon from "@patternfly/react-icons/dist/esm/icons/external-link-square-alt-icon";
import { useTranslation } from "react-i18next";
import { useEffect } from "react";
import { useHref } from "react-router-dom";

import { joinPath } from "./environment";

/** "Back to <application>" when the console was opened from an application (referrer). */
function ReferrerLink() {
  const { environment } = useEnvironment<AccountEnvironment>();
  const { t } = useTranslation();
  if (!environment.referrerUrl) {
    return null;
  }
  return (
    <Button
      data-testid="referrer-link"
      component="a"
      href={environment.referrerUrl.replace("_hash_", "#")}
      variant="link"
      icon={<ExternalLinkSquareAltIcon />}
      iconPosition="right"
      isInline
    >
      {t("backTo", { app: label(t, environment.referrerName, environment.referrerUrl) })}
    </Button>
  );
}

/**
 * The masthead as in Keycloak's account console (logo, navigation toggle, user menu). It is rendered from
 * the @keycloak/keycloak-ui-shared package, which shares this build's PatternFly: the account UI package
 * carries its own bundled PatternFly, whose navigation toggle could not reach the page frame of this one.
 */
export function Header() {
  const { environment, keycloak } = useEnvironment<AccountEnvironment>();
  const { t } = useTranslation();
  useNamedKebabToggle(t("bitlockerAccountMenu"));
  const logoUrl = environment.logoUrl || "/";
  const internalHref = useHref(logoUrl);
  return (
    <KeycloakMasthead
      data-testid="page-header"
      keycloak={keycloak}
      features={{ hasManageAccount: false }}
      brand={{
        // A logo URL starting with "/" is a page of the console itself.
        href: logoUrl.startsWith("/") ? internalHref : logoUrl,
        src: joinPath(environment.resourceUrl, environment.logo || "logo.svg"),
        alt: t("logo"),
        className: "keygate-brand",
      }}
      toolbarItems={[<ReferrerLink key="referrer" />]}
    />
  );
}

/**
 * KeycloakMasthead's phone-size menu toggle (`options-kebab-toggle`) is an icon button without an
 * accessible name in 26.7 (axe-core: button-name, critical). Until upstream names it, it gets one here.
 */
function useNamedKebabToggle(label: string) {
  useEffect(() => {
    const name = () =>
      document
        .querySelectorAll('[data-testid="options-kebab-toggle"]:not([aria-label])')
        .forEach((button) => button.setAttribute("aria-label", label));
    name();
    const observer = new MutationObserver(name);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
}
