import { useCallback, useState } from "react";
import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  PageSection,
  Spinner,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { useTranslation } from "react-i18next";

import { api } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { useFetch } from "../hooks";
import { formatNumber, formatTime } from "../../../shared/format";
import { ESCROW_STATUS } from "../../../shared/labels";
import type { EscrowStatus, EscrowStatusReport } from "../../../shared/types";

const ORDER: EscrowStatus[] = ["ESCROWED", "PENDING", "FAILED", "NOT_AVAILABLE"];

/** Escrow health: devices by status as a bar chart, the devices that need attention, the Entra sync. */
export function HealthPage() {
  const { t, i18n } = useTranslation();
  const [report, setReport] = useState<EscrowStatusReport>();
  const { error } = useFetch(
    useCallback((signal: AbortSignal) => api.escrow.status(signal), []),
    setReport,
  );
  const number = (n: number) => formatNumber(n, i18n.language);

  const total = report ? ORDER.reduce((sum, s) => sum + (report.counts[s] ?? 0), 0) : 0;
  return (
    <PageSection>
      <Title headingLevel="h1">{t("bitlockerNavHealth")}</Title>
      <ProblemAlert error={error} />
      {!report && !error ? <Spinner aria-label={t("bitlockerLoadingHealth")} /> : null}
      {report ? (
        <>
          <figure className="keygate-chart" data-testid="status-chart">
            <figcaption>{t("bitlockerDevicesByStatusTotal", { total: number(total) })}</figcaption>
            <ul aria-label={t("bitlockerDevicesByStatus")}>
              {ORDER.map((status) => {
                const count = report.counts[status] ?? 0;
                const share = total === 0 ? 0 : (100 * count) / total;
                return (
                  <li key={status} className="keygate-chart__row">
                    <span className="keygate-chart__label">{t(ESCROW_STATUS[status])}</span>
                    <span className={`keygate-chart__bar keygate-chart__bar--${status.toLowerCase()}`} style={{ width: `${share}%` }} aria-hidden="true" />
                    <span className="keygate-chart__value">{number(count)}</span>
                  </li>
                );
              })}
            </ul>
          </figure>

          {report.sync ? (
            <>
              <Title headingLevel="h2" className="pf-v5-u-mt-lg">
                {t("bitlockerEntraSync")}
              </Title>
              <DescriptionList isHorizontal isCompact aria-label={t("bitlockerEntraSync")} data-testid="sync">
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("bitlockerState")}</DescriptionListTerm>
                  <DescriptionListDescription>{report.sync.state}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("bitlockerLastSuccess")}</DescriptionListTerm>
                  <DescriptionListDescription>{formatTime(report.sync.lastSuccessAt, i18n.language)}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("bitlockerSyncCountsTerm")}</DescriptionListTerm>
                  <DescriptionListDescription>
                    {t("bitlockerSyncCounts", {
                      devices: number(report.sync.devices ?? 0),
                      keys: number(report.sync.keys ?? 0),
                      requests: number(report.sync.requests ?? 0),
                    })}
                  </DescriptionListDescription>
                </DescriptionListGroup>
                {report.sync.error ? (
                  <DescriptionListGroup>
                    <DescriptionListTerm>{t("bitlockerSyncProblem")}</DescriptionListTerm>
                    <DescriptionListDescription>{report.sync.error}</DescriptionListDescription>
                  </DescriptionListGroup>
                ) : null}
              </DescriptionList>
            </>
          ) : null}

          <Title headingLevel="h2" className="pf-v5-u-mt-lg">
            {t("bitlockerNeedsAttention")}
          </Title>
          {report.attention.length === 0 ? (
            <p>{t("bitlockerNoAttention")}</p>
          ) : (
            <Table aria-label={t("bitlockerAttentionDevices")} variant="compact" data-testid="attention">
              <Thead>
                <Tr>
                  <Th>{t("bitlockerDeviceLabel")}</Th>
                  <Th>{t("bitlockerEscrowStatus")}</Th>
                  <Th>{t("bitlockerEncryption")}</Th>
                  <Th>{t("bitlockerLastCheckIn")}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {report.attention.map((d) => (
                  <Tr key={d.deviceId}>
                    <Td dataLabel={t("bitlockerDeviceLabel")}>
                      <a href={`#/devices/${encodeURIComponent(d.deviceId)}`}>{d.deviceName}</a>
                    </Td>
                    <Td dataLabel={t("bitlockerEscrowStatus")}>{t(ESCROW_STATUS[d.escrowStatus])}</Td>
                    <Td dataLabel={t("bitlockerEncryption")}>{d.encryption ?? "—"}</Td>
                    <Td dataLabel={t("bitlockerLastCheckIn")}>{formatTime(d.lastCheckIn, i18n.language)}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </>
      ) : null}
    </PageSection>
  );
}
