import { useCallback, useState } from "react";
import { FormGroup, FormSelect, FormSelectOption, PageSection, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import { api } from "../api";
import { abilities } from "../auth";
import { ProblemAlert } from "../components/ProblemAlert";
import { useFetch } from "../hooks";
import { formatTime } from "../../../shared/format";
import { labelKey, REQUEST_STATUS } from "../../../shared/labels";
import type { Page, ReleaseRequest } from "../../../shared/types";

/** Release requests (SPEC §11): approvers and admins see every request, others their own. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const approver = abilities().approve;
  const [status, setStatus] = useState<string>(approver ? "PENDING" : "");
  const [items, setItems] = useState<ReleaseRequest[]>();
  const { error } = useFetch(
    useCallback((signal: AbortSignal) => api.requests.list(status, signal), [status]),
    useCallback((page: Page<ReleaseRequest>) => setItems(page.items), []),
  );

  return (
    <PageSection>
      <Title headingLevel="h1">{t(approver ? "bitlockerNavRequests" : "bitlockerMyRequests")}</Title>
      <FormGroup label={t("bitlockerStatusLabel")} fieldId="request-status" className="keygate-filter">
        <FormSelect id="request-status" value={status} onChange={(_e, v) => setStatus(v)}>
          <FormSelectOption value="" label={t("bitlockerAny")} />
          {Object.entries(REQUEST_STATUS).map(([value, label]) => (
            <FormSelectOption key={value} value={value} label={t(label)} />
          ))}
        </FormSelect>
      </FormGroup>
      <ProblemAlert error={error} />
      {items && items.length === 0 ? <p data-testid="no-requests">{t("bitlockerNoRequests")}</p> : null}
      {items && items.length > 0 ? (
        <Table aria-label={t("bitlockerNavRequests")} variant="compact" data-testid="requests">
          <Thead>
            <Tr>
              <Th>{t("bitlockerDeviceLabel")}</Th>
              <Th>{t("bitlockerRequestedByLabel")}</Th>
              <Th>{t("bitlockerTicketLabel")}</Th>
              <Th>{t("bitlockerStatusLabel")}</Th>
              <Th>{t("bitlockerRequestedLabel")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((r) => {
              const statusKey = labelKey(REQUEST_STATUS, r.status);
              return (
                <Tr key={r.requestId}>
                  <Td dataLabel={t("bitlockerDeviceLabel")}>
                    <a href={`#/requests/${encodeURIComponent(r.requestId)}`}>{r.deviceName}</a>
                  </Td>
                  <Td dataLabel={t("bitlockerRequestedByLabel")}>{r.requester.username}</Td>
                  <Td dataLabel={t("bitlockerTicketLabel")}>{r.ticket?.key ?? (r.breakGlass ? t("bitlockerBreakGlass") : "—")}</Td>
                  <Td dataLabel={t("bitlockerStatusLabel")}>{statusKey ? t(statusKey) : r.status}</Td>
                  <Td dataLabel={t("bitlockerRequestedLabel")}>{formatTime(r.createdAt, i18n.language)}</Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      ) : null}
    </PageSection>
  );
}
