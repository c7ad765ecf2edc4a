import { useEffect, useState } from "react";
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

import { getJson } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { ESCROW_STATUSES, EscrowStatus, EscrowStatusReport, formatTime } from "../model";

const ORDER: EscrowStatus[] = ["ESCROWED", "PENDING", "FAILED", "NOT_AVAILABLE"];

/** Escrow health: devices by status as a bar chart, the devices that need attention, the Entra sync. */
export function HealthPage() {
  const [report, setReport] = useState<EscrowStatusReport>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    getJson<EscrowStatusReport>("/escrow/status").then(setReport).catch(setError);
  }, []);

  const total = report ? ORDER.reduce((sum, s) => sum + (report.counts[s] ?? 0), 0) : 0;
  return (
    <PageSection>
      <Title headingLevel="h1">Escrow health</Title>
      <ProblemAlert error={error} />
      {!report && !error ? <Spinner aria-label="Loading escrow status" /> : null}
      {report ? (
        <>
          <figure className="keygate-chart" data-testid="status-chart">
            <figcaption>Devices by escrow status ({total} in all)</figcaption>
            <ul aria-label="Devices by escrow status">
              {ORDER.map((status) => {
                const count = report.counts[status] ?? 0;
                const share = total === 0 ? 0 : (100 * count) / total;
                return (
                  <li key={status} className="keygate-chart__row">
                    <span className="keygate-chart__label">{ESCROW_STATUSES[status]}</span>
                    <span className={`keygate-chart__bar keygate-chart__bar--${status.toLowerCase()}`} style={{ width: `${share}%` }} aria-hidden="true" />
                    <span className="keygate-chart__value">{count}</span>
                  </li>
                );
              })}
            </ul>
          </figure>

          {report.sync ? (
            <>
              <Title headingLevel="h2" className="pf-v5-u-mt-lg">
                Entra ID sync
              </Title>
              <DescriptionList isHorizontal isCompact aria-label="Entra ID sync" data-testid="sync">
                <DescriptionListGroup>
                  <DescriptionListTerm>State</DescriptionListTerm>
                  <DescriptionListDescription>{report.sync.state}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>Last success</DescriptionListTerm>
                  <DescriptionListDescription>{formatTime(report.sync.lastSuccessAt ?? undefined)}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>Devices, keys, requests</DescriptionListTerm>
                  <DescriptionListDescription>
                    {report.sync.devices ?? 0} devices, {report.sync.keys ?? 0} keys, {report.sync.requests ?? 0} Graph requests
                  </DescriptionListDescription>
                </DescriptionListGroup>
                {report.sync.error ? (
                  <DescriptionListGroup>
                    <DescriptionListTerm>Problem</DescriptionListTerm>
                    <DescriptionListDescription>{report.sync.error}</DescriptionListDescription>
                  </DescriptionListGroup>
                ) : null}
              </DescriptionList>
            </>
          ) : null}

          <Title headingLevel="h2" className="pf-v5-u-mt-lg">
            Needs attention
          </Title>
          {report.attention.length === 0 ? (
            <p>No device needs attention.</p>
          ) : (
            <Table aria-label="Devices that need attention" variant="compact" data-testid="attention">
              <Thead>
                <Tr>
                  <Th>Device</Th>
                  <Th>Escrow status</Th>
                  <Th>Encryption</Th>
                  <Th>Last check-in</Th>
                </Tr>
              </Thead>
              <Tbody>
                {report.attention.map((d) => (
                  <Tr key={d.deviceId}>
                    <Td dataLabel="Device">
                      <a href={`#/devices/${encodeURIComponent(d.deviceId)}`}>{d.deviceName}</a>
                    </Td>
                    <Td dataLabel="Escrow status">{ESCROW_STATUSES[d.escrowStatus]}</Td>
                    <Td dataLabel="Encryption">{d.encryption ?? "—"}</Td>
                    <Td dataLabel="Last check-in">{formatTime(d.lastCheckIn)}</Td>
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
