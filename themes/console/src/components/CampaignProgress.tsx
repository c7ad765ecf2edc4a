import { Progress } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { progressOf } from "../campaigns";
import { formatNumber } from "../../../shared/format";
import type { Campaign } from "../../../shared/types";

/** How far a campaign is: two bars, the devices whose key was released and those rotated since, of all its devices. */
export function CampaignProgress({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const p = progressOf(campaign);
  const n = (value: number) => formatNumber(value, i18n.language);
  const values = { devices: n(p.devices), revealed: n(p.revealed), rotated: n(p.rotated), waiting: n(p.waiting) };
  return (
    <div className="keygate-campaign-progress" data-testid="campaign-progress">
      <Progress
        id="campaign-revealed"
        title={t("bitlockerCampaignRevealedBar")}
        value={p.revealed}
        min={0}
        max={Math.max(p.devices, 1)}
        label={t("bitlockerCampaignRevealedOf", values)}
        valueText={t("bitlockerCampaignRevealedOf", values)}
        measureLocation="outside"
      />
      <Progress
        id="campaign-rotated"
        title={t("bitlockerCampaignRotatedBar")}
        value={p.rotated}
        min={0}
        max={Math.max(p.devices, 1)}
        label={t("bitlockerCampaignRotatedOf", values)}
        valueText={t("bitlockerCampaignRotatedOf", values)}
        measureLocation="outside"
        variant={p.devices > 0 && p.rotated === p.devices ? "success" : undefined}
      />
      <p data-testid="campaign-waiting">{t("bitlockerCampaignWaitingCount", values)}</p>
    </div>
  );
}
