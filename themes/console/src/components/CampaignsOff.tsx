import { Alert } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { ApiError } from "../api";

/** A campaign endpoint's answer where the realm has campaigns switched off (`campaigns.enabled`, SPEC §14). */
export const campaignsOff = (error: unknown) => error instanceof ApiError && error.code === "not_enabled";

/** Where campaigns are switched off: said plainly, not as a failure. */
export function CampaignsOff() {
  const { t } = useTranslation();
  return (
    <Alert variant="info" isInline title={t("bitlockerCampaignsOff")} data-testid="campaigns-off">
      {t("bitlockerCampaignsOffNext")}
    </Alert>
  );
}
