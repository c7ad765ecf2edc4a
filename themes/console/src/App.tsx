import {
  Button,
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadMain,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSection,
  PageSidebar,
  PageSidebarBody,
  SkipToContent,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";

import { here, signOut, username } from "./auth";
import { DevicePage } from "./pages/DevicePage";
import { FindPage } from "./pages/FindPage";
import { useRoute } from "./router";

const MAIN = "keygate-main";

export function App() {
  const route = useRoute();
  const [section, id] = route;

  const header = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand component="a" href="#/">
          <Title headingLevel="h2" size="xl" className="keygate-brand">
            BitLocker Key Gate
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
                Sign out
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Console">
          <NavList>
            <NavItem to="#/" isActive={!section || section === "devices"}>
              Find a key
            </NavItem>
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  let content;
  if (section === "devices" && id) {
    content = <DevicePage key={id} deviceId={id} />;
  } else if (!section) {
    content = <FindPage />;
  } else {
    content = (
      <PageSection>
        <Title headingLevel="h1">Page not found</Title>
        <p>
          <a href="#/">Find a recovery key</a>
        </p>
      </PageSection>
    );
  }

  return (
    <Page
      header={header}
      sidebar={sidebar}
      isManagedSidebar
      skipToContent={<SkipToContent href={`#${MAIN}`}>Skip to content</SkipToContent>}
      mainContainerId={MAIN}
    >
      {content}
    </Page>
  );
}
