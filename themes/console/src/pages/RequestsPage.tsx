import { useEffect, useState } from "react";
import { FormGroup, FormSelect, FormSelectOption, PageSection, Title } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { getJson } from "../api";
import { abilities } from "../auth";
import { ProblemAlert } from "../components/ProblemAlert";
import { formatTime, Page, ReleaseRequest, REQUEST_STATUSES, RequestStatus } from "../model";

/** Release requests (SPEC §11): approvers and admins see every request, others their own. */
export function RequestsPage() {
  const approver = abilities().approve;
  const [status, setStatus] = useState<string>(approver ? "PENDING" : "");
  const [items, setItems] = useState<ReleaseRequest[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const params = new URLSearchParams({ max: "100" });
    if (status) {
      params.set("status", status);
    }
    getJson<Page<ReleaseRequest>>(`/requests?${params}`)
      .then((page) => {
        setItems(page.items);
        setError(undefined);
      })
      .catch(setError);
  }, [status]);

  return (
    <PageSection>
      <Title headingLevel="h1">{approver ? "Release requests" : "My release requests"}</Title>
      <FormGroup label="Status" fieldId="request-status" className="keygate-filter">
        <FormSelect id="request-status" value={status} onChange={(_e, v) => setStatus(v)}>
          <FormSelectOption value="" label="Any" />
          {Object.entries(REQUEST_STATUSES).map(([value, label]) => (
            <FormSelectOption key={value} value={value} label={label} />
          ))}
        </FormSelect>
      </FormGroup>
      <ProblemAlert error={error} />
      {items && items.length === 0 ? <p data-testid="no-requests">No requests.</p> : null}
      {items && items.length > 0 ? (
        <Table aria-label="Release requests" variant="compact" data-testid="requests">
          <Thead>
            <Tr>
              <Th>Device</Th>
              <Th>Requested by</Th>
              <Th>Ticket</Th>
              <Th>Status</Th>
              <Th>Requested</Th>
            </Tr>
          </Thead>
          <Tbody>
            {items.map((r) => (
              <Tr key={r.requestId}>
                <Td dataLabel="Device">
                  <a href={`#/requests/${r.requestId}`}>{r.deviceName}</a>
                </Td>
                <Td dataLabel="Requested by">{r.requester.username}</Td>
                <Td dataLabel="Ticket">{r.ticket?.key ?? (r.breakGlass ? "Break glass" : "—")}</Td>
                <Td dataLabel="Status">{REQUEST_STATUSES[r.status as RequestStatus] ?? r.status}</Td>
                <Td dataLabel="Requested">{formatTime(r.createdAt)}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
    </PageSection>
  );
}
