import { FormEvent, useEffect, useState } from "react";
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  PageSection,
  TextArea,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { getBlob, getJson } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { saveFile } from "../download";
import { AUDIT_ACTIONS, AuditEntry, Checkpoint, formatTime, Page, Verification } from "../model";
import { usePages } from "../paging";

interface Filters {
  deviceId: string;
  actor: string;
  action: string;
  outcome: string;
  ticket: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { deviceId: "", actor: "", action: "", outcome: "", ticket: "", from: "", to: "" };

/** The filters as the API's query (dates from the form's local date-time fields as ISO-8601). */
function query(filters: Filters, after?: string | null): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (!value.trim()) {
      continue;
    }
    params.set(name, name === "from" || name === "to" ? new Date(value).toISOString() : value.trim());
  }
  if (after) {
    params.set("after", after);
  }
  return params;
}

/** The verification result in words an auditor can put in a report. */
function inWords(v: Verification): string {
  const chain = v.valid
    ? `The audit log is intact: all ${v.entries} entries link up to the head ${v.head?.id ?? ""}.`
    : `The audit log has been altered: the chain breaks at entry ${v.brokenAt}.`;
  if (!v.checkpoint) {
    return chain;
  }
  return v.checkpoint.valid
    ? `${chain} The kept checkpoint (entry ${v.checkpoint.id}) is still part of it, with the same hash.`
    : `${chain} The kept checkpoint does NOT match the log: history up to it was rewritten, or the checkpoint is not genuine.`;
}

/** Audit view for auditors and admins: filters, paging, CSV download, verification, checkpoints. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { items: entries, next, error, busy, load, run } = usePages<AuditEntry>((after) => {
    const params = query(filters, after);
    params.set("max", "50");
    return getJson<Page<AuditEntry>>(`/keys/audit?${params}`);
  });
  const [verification, setVerification] = useState<Verification>();
  const [kept, setKept] = useState("");
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const downloadCsv = () =>
    run(async () => saveFile(await getBlob(`/keys/audit?${query(filters)}`, "text/csv"), "bitlocker-audit.csv"));

  const verify = () =>
    run(async () => {
      const params = kept.trim() ? `?checkpoint=${encodeURIComponent(kept.trim())}` : "";
      setVerification(await getJson<Verification>(`/keys/audit/verify${params}`));
    });

  const downloadCheckpoint = () =>
    run(async () => {
      const checkpoint = await getJson<Checkpoint>("/keys/audit/checkpoint");
      saveFile(new Blob([JSON.stringify(checkpoint, null, 2)], { type: "application/json" }), `bitlocker-checkpoint-${checkpoint.seq}.json`);
      setKept(checkpoint.checkpoint);
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load();
  };
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <PageSection>
      <Title headingLevel="h1">Audit log</Title>
      <Form onSubmit={submit} aria-label="Filter the audit log">
        <Grid hasGutter md={6} xl={3}>
          <GridItem>
            <FormGroup label="Device ID" fieldId="audit-device">
              <TextInput id="audit-device" value={filters.deviceId} onChange={(_e, v) => set({ deviceId: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Who (username)" fieldId="audit-actor">
              <TextInput id="audit-actor" value={filters.actor} onChange={(_e, v) => set({ actor: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Action" fieldId="audit-action">
              <FormSelect id="audit-action" value={filters.action} onChange={(_e, v) => set({ action: v })}>
                <FormSelectOption value="" label="Any" />
                {AUDIT_ACTIONS.map((a) => (
                  <FormSelectOption key={a} value={a} label={a} />
                ))}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Outcome" fieldId="audit-outcome">
              <FormSelect id="audit-outcome" value={filters.outcome} onChange={(_e, v) => set({ outcome: v })}>
                <FormSelectOption value="" label="Any" />
                <FormSelectOption value="SUCCESS" label="Success" />
                <FormSelectOption value="DENIED" label="Denied" />
                <FormSelectOption value="ERROR" label="Error" />
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="Ticket" fieldId="audit-ticket">
              <TextInput id="audit-ticket" value={filters.ticket} onChange={(_e, v) => set({ ticket: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="From" fieldId="audit-from">
              <TextInput id="audit-from" type="datetime-local" value={filters.from} onChange={(_e, v) => set({ from: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label="To" fieldId="audit-to">
              <TextInput id="audit-to" type="datetime-local" value={filters.to} onChange={(_e, v) => set({ to: v })} />
            </FormGroup>
          </GridItem>
        </Grid>
        <ActionGroup>
          <Button type="submit" isDisabled={busy}>
            Show entries
          </Button>
          <Button variant="secondary" onClick={() => void downloadCsv()} isDisabled={busy}>
            Download CSV
          </Button>
        </ActionGroup>
      </Form>
      <ProblemAlert error={error} />

      <Form className="keygate-verify" aria-label="Verify the audit log" onSubmit={(e) => e.preventDefault()}>
        <FormGroup label="Kept checkpoint (optional)" fieldId="audit-checkpoint">
          <TextArea id="audit-checkpoint" value={kept} onChange={(_e, v) => setKept(v)} resizeOrientation="vertical" />
        </FormGroup>
        <ActionGroup>
          <Button variant="secondary" onClick={() => void verify()} isDisabled={busy}>
            Verify the log
          </Button>
          <Button variant="secondary" onClick={() => void downloadCheckpoint()} isDisabled={busy}>
            Download a checkpoint
          </Button>
        </ActionGroup>
      </Form>
      {verification ? (
        <Alert
          className="pf-v5-u-mt-md"
          variant={verification.valid && verification.checkpoint?.valid !== false ? "success" : "danger"}
          isInline
          title={verification.valid && verification.checkpoint?.valid !== false ? "Verified" : "Verification failed"}
          data-testid="verification"
        >
          {inWords(verification)}
        </Alert>
      ) : null}

      {entries ? (
        <Table aria-label="Audit entries" variant="compact" className="pf-v5-u-mt-lg" data-testid="audit-entries">
          <Thead>
            <Tr>
              <Th>When</Th>
              <Th>Action</Th>
              <Th>Outcome</Th>
              <Th>Who</Th>
              <Th>Device</Th>
              <Th>Ticket</Th>
              <Th>Approved by</Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((e) => (
              <Tr key={e.id}>
                <Td dataLabel="When">{formatTime(e.time)}</Td>
                <Td dataLabel="Action">{e.action}</Td>
                <Td dataLabel="Outcome">
                  {e.outcome}
                  {e.code ? ` (${e.code})` : ""}
                </Td>
                <Td dataLabel="Who">{e.actor?.username ?? e.source}</Td>
                <Td dataLabel="Device">{e.deviceName ?? e.deviceId ?? "—"}</Td>
                <Td dataLabel="Ticket">{e.ticket?.key ?? "—"}</Td>
                <Td dataLabel="Approved by">{e.approval?.approver.username ?? "—"}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {next ? (
        <Button variant="secondary" onClick={() => void load(next)} isDisabled={busy}>
          Show more
        </Button>
      ) : null}
    </PageSection>
  );
}
