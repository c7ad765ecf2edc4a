import { useCallback, useEffect } from "react";
import { Button, PageSection, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import { api } from "../api";
import { abilities } from "../auth";
import { progressOf } from "../campaigns";
import { CampaignsOff, campaignsOff } from "../components/CampaignsOff";
import { ProblemAlert } from "../components/ProblemAlert";
import { usePages } from "../paging";
import { formatNumber, formatTime } from "../../../shared/format";
import { CAMPAIGN_STATUS, labelKey } from "../../../shared/labels";

/** Major-incident campaigns (SPEC §14), newest first, with their progress. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const list = useCallback((after: string | null) => api.campaigns.list(after), []);
  const { items, next, error, busy, load } = usePages(list);
  const n = (value: number) => formatNumber(value, i18n.language);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <PageSection>
      <Title headingLevel="h1">{t("bitlockerNavCampaigns")}</Title>
      <p className="keygate-lead">{t("bitlockerCampaignsIntro")}</p>
      {abilities().createCampaign && !campaignsOff(error) ? (
        <Button component="a" href="#/campaigns/new" className="pf-v5-u-my-md">
          {t("bitlockerCampaignNew")}
        </Button>
      ) : null}
      {campaignsOff(error) ? <CampaignsOff /> : <ProblemAlert error={error} />}
      {items && items.length === 0 ? <p data-testid="no-campaigns">{t("bitlockerNoCampaigns")}</p> : null}
      {items && items.length > 0 ? (
        <Table aria-label={t("bitlockerNavCampaigns")} variant="compact" data-testid="campaigns">
          <Thead>
            <Tr>
              <Th>{t("bitlockerTicketLabel")}</Th>
              <Th>{t("bitlockerStatusLabel")}</Th>
              <Th>{t("bitlockerCampaignProgress")}</Th>
              <Th>{t("bitlockerRequestedByLabel")}</Th>
              <Th>{t("bitlockerRequestedLabel")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((c) => {
              const statusKey = labelKey(CAMPAIGN_STATUS, c.status);
              const p = progressOf(c);
              return (
                <Tr key={c.campaignId}>
                  <Td dataLabel={t("bitlockerTicketLabel")}>
                    <a href={`#/campaigns/${encodeURIComponent(c.campaignId)}`}>{c.ticket.key}</a>
                  </Td>
                  <Td dataLabel={t("bitlockerStatusLabel")}>{statusKey ? t(statusKey) : c.status}</Td>
                  <Td dataLabel={t("bitlockerCampaignProgress")}>
                    {t("bitlockerCampaignProgressShort", { devices: n(p.devices), revealed: n(p.revealed), rotated: n(p.rotated) })}
                  </Td>
                  <Td dataLabel={t("bitlockerRequestedByLabel")}>{c.requester.username}</Td>
                  <Td dataLabel={t("bitlockerRequestedLabel")}>{formatTime(c.createdAt, i18n.language)}</Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      ) : null}
      {next ? (
        <Button variant="secondary" onClick={() => void load(next)} isDisabled={busy}>
          {t("bitlockerShowMore")}
        </Button>
      ) : null}
    </PageSection>
  );
}
