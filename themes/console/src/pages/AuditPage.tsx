import { FormEvent, useCallback, useEffect, useState } from "react";
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

import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { api, type AuditQuery } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { saveFile } from "../download";
import { usePages } from "../paging";
import { formatNumber, formatTime } from "../../../shared/format";
import type { AuditOutcome, Verification } from "../../../shared/types";

/** The actions of SPEC §9 a filter can pick. */
const AUDIT_ACTIONS = [
  "KEY_REVEALED",
  "KEY_REVEAL_DENIED",
  "ROTATION_REQUESTED",
  "ROTATION_COMPLETED",
  "ROTATION_FAILED",
  "KEY_ESCROWED",
  "KEY_PURGED",
  "TICKET_ANNOTATED",
  "TICKET_ANNOTATION_FAILED",
  "CONFIG_CHANGED",
  "AUDIT_EXPORTED",
  "BREAK_GLASS",
  "OWNER_CHANGED",
  "DEVICE_BINDING_REJECTED",
  "DEVICE_BINDING_RESET",
  "RELEASE_REQUESTED",
  "RELEASE_APPROVED",
  "RELEASE_REJECTED",
  "AUDIT_CHECKPOINT",
  "AUDIT_FORWARDING_FAILED",
  "CHECK_IN_LIMITED",
];

const OUTCOME: Record<AuditOutcome, string> = {
  SUCCESS: "bitlockerOutcomeSuccess",
  DENIED: "bitlockerOutcomeDenied",
  ERROR: "bitlockerOutcomeError",
};

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

/** The filters as the API takes them (dates from the form's local date-time fields as ISO-8601). Pure. */
export function auditQuery(filters: Filters): AuditQuery {
  const instant = (value: string) => (value.trim() ? new Date(value).toISOString() : undefined);
  return { ...filters, from: instant(filters.from), to: instant(filters.to) };
}

/** The verification result in words an auditor can put in a report. */
function inWords(v: Verification, t: TFunction, locale: string): string {
  const chain = v.valid
    ? t("bitlockerAuditIntact", { entries: formatNumber(v.entries, locale), head: v.head?.id ?? "" })
    : t("bitlockerAuditBroken", { entry: v.brokenAt });
  if (!v.checkpoint) {
    return chain;
  }
  return `${chain} ${v.checkpoint.valid ? t("bitlockerCheckpointKept", { id: v.checkpoint.id }) : t("bitlockerCheckpointMismatch")}`;
}

/** Audit view for auditors and admins: filters, paging, CSV download, verification, checkpoints. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The filters of the list shown, apart from what is being typed: "Show more" continues it.
  const [shown, setShown] = useState<Filters>(NO_FILTERS);
  const list = useCallback((after: string | null) => api.audit.list(auditQuery(shown), after), [shown]);
  const { items: entries, next, error, busy, load, run } = usePages(list);
  const [verification, setVerification] = useState<Verification>();
  const [kept, setKept] = useState("");
  useEffect(() => {
    void load();
  }, [load]);

  const downloadCsv = () => run(async () => saveFile(await api.audit.csv(auditQuery(filters)), "bitlocker-audit.csv"));

  const verify = () => run(async () => setVerification(await api.audit.verify(kept.trim())));

  const downloadCheckpoint = () =>
    run(async () => {
      const checkpoint = await api.audit.checkpoint();
      saveFile(new Blob([JSON.stringify(checkpoint, null, 2)], { type: "application/json" }), `bitlocker-checkpoint-${checkpoint.seq}.json`);
      setKept(checkpoint.checkpoint);
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filters === shown) {
      void load();
    } else {
      setShown(filters);
    }
  };
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <PageSection>
      <Title headingLevel="h1">{t("bitlockerNavAudit")}</Title>
      <Form onSubmit={submit} aria-label={t("bitlockerAuditFilter")}>
        <Grid hasGutter md={6} xl={3}>
          <GridItem>
            <FormGroup label={t("bitlockerDeviceIdLabel")} fieldId="audit-device">
              <TextInput id="audit-device" value={filters.deviceId} onChange={(_e, v) => set({ deviceId: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("bitlockerWhoUsername")} fieldId="audit-actor">
              <TextInput id="audit-actor" value={filters.actor} onChange={(_e, v) => set({ actor: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("bitlockerAction")} fieldId="audit-action">
              <FormSelect id="audit-action" value={filters.action} onChange={(_e, v) => set({ action: v })}>
                <FormSelectOption value="" label={t("bitlockerAny")} />
                {AUDIT_ACTIONS.map((a) => (
                  <FormSelectOption key={a} value={a} label={a} />
                ))}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("bitlockerOutcome")} fieldId="audit-outcome">
              <FormSelect id="audit-outcome" value={filters.outcome} onChange={(_e, v) => set({ outcome: v })}>
                <FormSelectOption value="" label={t("bitlockerAny")} />
                {Object.entries(OUTCOME).map(([value, label]) => (
                  <FormSelectOption key={value} value={value} label={t(label)} />
                ))}
              </FormSelect>
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("bitlockerTicketLabel")} fieldId="audit-ticket">
              <TextInput id="audit-ticket" value={filters.ticket} onChange={(_e, v) => set({ ticket: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("bitlockerFrom")} fieldId="audit-from">
              <TextInput id="audit-from" type="datetime-local" value={filters.from} onChange={(_e, v) => set({ from: v })} />
            </FormGroup>
          </GridItem>
          <GridItem>
            <FormGroup label={t("bitlockerTo")} fieldId="audit-to">
              <TextInput id="audit-to" type="datetime-local" value={filters.to} onChange={(_e, v) => set({ to: v })} />
            </FormGroup>
          </GridItem>
        </Grid>
        <ActionGroup>
          <Button type="submit" isDisabled={busy}>
            {t("bitlockerShowEntries")}
          </Button>
          <Button variant="secondary" onClick={() => void downloadCsv()} isDisabled={busy}>
            {t("bitlockerDownloadCsv")}
          </Button>
        </ActionGroup>
      </Form>
      <ProblemAlert error={error} />

      <Form className="keygate-verify" aria-label={t("bitlockerAuditVerify")} onSubmit={(e) => e.preventDefault()}>
        <FormGroup label={t("bitlockerKeptCheckpoint")} fieldId="audit-checkpoint">
          <TextArea id="audit-checkpoint" value={kept} onChange={(_e, v) => setKept(v)} resizeOrientation="vertical" />
        </FormGroup>
        <ActionGroup>
          <Button variant="secondary" onClick={() => void verify()} isDisabled={busy}>
            {t("bitlockerVerifyLog")}
          </Button>
          <Button variant="secondary" onClick={() => void downloadCheckpoint()} isDisabled={busy}>
            {t("bitlockerDownloadCheckpoint")}
          </Button>
        </ActionGroup>
      </Form>
      {verification ? (
        <Alert
          className="pf-v5-u-mt-md"
          variant={verification.valid && verification.checkpoint?.valid !== false ? "success" : "danger"}
          isInline
          title={t(verification.valid && verification.checkpoint?.valid !== false ? "bitlockerVerified" : "bitlockerVerificationFailed")}
          data-testid="verification"
        >
          {inWords(verification, t, i18n.language)}
        </Alert>
      ) : null}

      {entries ? (
        <Table aria-label={t("bitlockerAuditEntries")} variant="compact" className="pf-v5-u-mt-lg" data-testid="audit-entries">
          <Thead>
            <Tr>
              <Th>{t("bitlockerWhen")}</Th>
              <Th>{t("bitlockerAction")}</Th>
              <Th>{t("bitlockerOutcome")}</Th>
              <Th>{t("bitlockerWho")}</Th>
              <Th>{t("bitlockerDeviceLabel")}</Th>
              <Th>{t("bitlockerTicketLabel")}</Th>
              <Th>{t("bitlockerApprovedBy")}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {entries.map((e) => (
              <Tr key={e.id}>
                <Td dataLabel={t("bitlockerWhen")}>{formatTime(e.time, i18n.language)}</Td>
                <Td dataLabel={t("bitlockerAction")}>{e.action}</Td>
                <Td dataLabel={t("bitlockerOutcome")}>
                  {OUTCOME[e.outcome] ? t(OUTCOME[e.outcome]) : e.outcome}
                  {e.code ? ` (${e.code})` : ""}
                </Td>
                <Td dataLabel={t("bitlockerWho")}>{e.actor?.username ?? e.source}</Td>
                <Td dataLabel={t("bitlockerDeviceLabel")}>{e.deviceName ?? e.deviceId ?? "—"}</Td>
                <Td dataLabel={t("bitlockerTicketLabel")}>{e.ticket?.key ?? "—"}</Td>
                <Td dataLabel={t("bitlockerApprovedBy")}>{e.approval?.approver.username ?? "—"}</Td>
              </Tr>
            ))}
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
