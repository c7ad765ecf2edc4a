import {
  Button,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
  SkipToContent,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";

import { useState } from "react";
import { useTranslation } from "react-i18next";
import BarsIcon from "@patternfly/react-icons/dist/esm/icons/bars-icon";

import { abilities, here, signOut, username } from "./auth";
import { AuditPage } from "./pages/AuditPage";
import { CampaignPage } from "./pages/CampaignPage";
import { CampaignsPage } from "./pages/CampaignsPage";
import { DevicePage } from "./pages/DevicePage";
import { FindPage } from "./pages/FindPage";
import { HealthPage } from "./pages/HealthPage";
import { NewCampaignPage } from "./pages/NewCampaignPage";
import { RequestPage } from "./pages/RequestPage";
import { RequestsPage } from "./pages/RequestsPage";
import { SettingsPage } from "./pages/SettingsPage";
import { useRoute } from "./router";

const MAIN = "keygate-main";

/** The console's sections, each shown to the people it is for. */
const SECTIONS = [
  { path: "", label: "bitlockerNavFind", shown: "findKeys" },
  { path: "requests", label: "bitlockerNavRequests", shown: "requests" },
  { path: "health", label: "bitlockerNavHealth", shown: "health" },
  // After escrow health: an auditor still starts there, an approver on the requests.
  { path: "campaigns", label: "bitlockerNavCampaigns", shown: "campaigns" },
  { path: "audit", label: "bitlockerNavAudit", shown: "audit" },
  { path: "settings", label: "bitlockerNavSettings", shown: "settings" },
] as const;

export function App() {
  const { t } = useTranslation();
  const route = useRoute();
  const may = abilities();
  // The navigation is open beside the page on wide screens; on a phone it opens over it and closes after a choice.
  const [mobile, setMobile] = useState(window.innerWidth < 1200);
  const [navOpen, setNavOpen] = useState(!mobile);
  const visible = SECTIONS.filter((s) => may[s.shown]);
  // Someone who cannot search keys (an auditor, an approver) starts on their first section.
  const [section, id] = route.length === 0 && !may.findKeys && visible.length > 0 ? [visible[0].path] : route;

  const header = (
    <Masthead>
      <MastheadToggle>
        <PageToggleButton
          variant="plain"
          aria-label={t("bitlockerToggleNavigation")}
          isSidebarOpen={navOpen}
          onSidebarToggle={() => setNavOpen((open) => !open)}
        >
          <BarsIcon />
        </PageToggleButton>
      </MastheadToggle>
      <MastheadMain>
        <MastheadBrand component="a" href="#/">
          <Title headingLevel="h2" size="xl" className="keygate-brand">
            {t("bitlockerConsoleName")}
          </Title>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight>
          <ToolbarContent>
            <ToolbarItem align={{ default: "alignRight" }}>
              <span className="keygate-user" data-testid="signed-in-as">
                {username()} · {here.realm}
              </span>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" isInline onClick={() => void signOut()}>
                {t("bitlockerSignOut")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar isSidebarOpen={navOpen}>
      <PageSidebarBody>
        <Nav aria-label={t("bitlockerNavLabel")} onSelect={() => mobile && setNavOpen(false)}>
          <NavList>
            {visible.map((s) => (
              <NavItem
                key={s.path}
                to={`#/${s.path}`}
                isActive={s.path === "" ? !section || section === "devices" : section === s.path}
              >
                {t(s.label)}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  let content;
  if (section === "devices" && id) {
    content = <DevicePage key={id} deviceId={id} />;
  } else if (!section) {
    // A new search in the address (`#/?q=…`) is a new page.
    content = may.findKeys ? <FindPage key={window.location.hash} /> : <NoAccess />;
  } else if (section === "requests" && id) {
    content = <RequestPage key={id} requestId={id} />;
  } else if (section === "requests") {
    content = <RequestsPage />;
  } else if (section === "campaigns" && id === "new") {
    content = <NewCampaignPage />;
  } else if (section === "campaigns" && id) {
    content = <CampaignPage key={id} campaignId={id} />;
  } else if (section === "campaigns") {
    content = <CampaignsPage />;
  } else if (section === "health") {
    content = <HealthPage />;
  } else if (section === "audit") {
    content = <AuditPage />;
  } else if (section === "settings") {
    content = <SettingsPage />;
  } else {
    content = (
      <PageSection>
        <Title headingLevel="h1">{t("bitlockerPageNotFound")}</Title>
        <p>
          <a href="#/">{t("bitlockerFindTitle")}</a>
        </p>
      </PageSection>
    );
  }

  return (
    <Page
      header={header}
      sidebar={sidebar}
      onPageResize={(_event, { mobileView }) => {
        // Only a change between phone and wide layouts moves the navigation: a reflow of the page (content
        // arriving, a scrollbar) must not close the navigation someone just opened on a phone.
        if (mobileView !== mobile) {
          setMobile(mobileView);
          setNavOpen(!mobileView);
        }
      }}
      skipToContent={<SkipToContent href={`#${MAIN}`}>{t("bitlockerSkipToContent")}</SkipToContent>}
      mainContainerId={MAIN}
    >
      {content}
    </Page>
  );
}

function NoAccess() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <Title headingLevel="h1">{t("bitlockerNoAccessTitle")}</Title>
      <p>{t("bitlockerNoAccess")}</p>
    </PageSection>
  );
}
