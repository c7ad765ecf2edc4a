import { useCallback, useState } from "react";
import {
  ActionGroup,
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  PageSection,
  Spinner,
  TextArea,
  Title,
} from "@patternfly/react-core";

import { useTranslation } from "react-i18next";

import { api } from "../api";
import { abilities, userId } from "../auth";
import { ProblemAlert } from "../components/ProblemAlert";
import { useAction, useFetch, useStepUpAction } from "../hooks";
import { formatTime } from "../../../shared/format";
import { REQUEST_STATUS } from "../../../shared/labels";
import { hasStrings, INTENTS } from "../../../shared/stepUp";
import type { ReleaseRequest } from "../../../shared/types";

/** A decision that waits for the step-up sign-in: carried on once the user is back. */
interface Decision {
  requestId: string;
  verb: "approve" | "reject";
  reason: string;
}

const isDecision = (value: unknown): value is Decision =>
  hasStrings(value, "requestId", "verb", "reason") && (value.verb === "approve" || value.verb === "reject");

/** One release request: approve or reject it (approvers, step-up), withdraw it or use it (its requester). */
export function RequestPage({ requestId }: { requestId: string }) {
  const { t, i18n } = useTranslation();
  const [request, setRequest] = useState<ReleaseRequest>();
  const loaded = useFetch(
    useCallback((signal: AbortSignal) => api.requests.get(requestId, signal), [requestId]),
    setRequest,
  );
  const { reload } = loaded;
  // Back from the step-up sign-in, the decision the approver had made is sent once more.
  const decision = useStepUpAction(
    INTENTS.consoleDecision,
    (value: unknown): value is Decision => isDecision(value) && value.requestId === requestId,
    useCallback((d: Decision) => api.requests.decide(d.requestId, d.verb, d.reason), []),
    reload,
  );
  const [reason, setReason] = useState(decision.resumed?.reason ?? "");
  const { busy: withdrawing, error: withdrawError, run } = useAction();
  const busy = decision.busy || withdrawing;
  const error = decision.error ?? withdrawError ?? loaded.error;
  const time = (iso?: string) => formatTime(iso, i18n.language);
  const decideNow = (verb: Decision["verb"]) => decision.act({ requestId, verb, reason: reason.trim() });

  const withdraw = async () => {
    if ((await run(() => api.requests.withdraw(requestId).then(() => ({})))) !== undefined) {
      reload();
    }
  };

  const mine = request?.requester.userId === userId();
  const pending = request?.status === "PENDING";

  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/requests">{t("bitlockerNavRequests")}</BreadcrumbItem>
        <BreadcrumbItem isActive>{request?.deviceName ?? requestId}</BreadcrumbItem>
      </Breadcrumb>
      {!request && !error ? <Spinner aria-label={t("bitlockerLoadingRequest")} /> : null}
      {request ? (
        <>
          <Title headingLevel="h1">{t("bitlockerRequestTitle", { device: request.deviceName })}</Title>
          <DescriptionList isHorizontal isCompact aria-label={t("bitlockerRequestDetails")}>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerStatusLabel")}</DescriptionListTerm>
              <DescriptionListDescription data-testid="request-status">{t(REQUEST_STATUS[request.status] ?? request.status)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerRequestedByLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                {request.requester.username}, {time(request.createdAt)}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerTicketLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                {request.ticket ? (
                  <a href={request.ticket.url} target="_blank" rel="noreferrer noopener">
                    {request.ticket.key} ({request.ticket.status})
                  </a>
                ) : request.breakGlass ? (
                  t("bitlockerBreakGlassNoTicket")
                ) : (
                  "—"
                )}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerReason")}</DescriptionListTerm>
              <DescriptionListDescription>{request.reason}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerKeyIdLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                <code>{request.keyId.toUpperCase()}</code>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t(pending ? "bitlockerExpires" : "bitlockerDecided")}</DescriptionListTerm>
              <DescriptionListDescription>
                {pending
                  ? time(request.expiresAt)
                  : request.decidedBy
                    ? `${request.decidedBy.username}, ${time(request.decidedAt)}${request.decisionReason ? ` — ${request.decisionReason}` : ""}`
                    : "—"}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>

          {pending && !mine && abilities().approve ? (
            <Form className="pf-v5-u-mt-lg" aria-label={t("bitlockerDecide")} onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t("bitlockerDecisionReasonField")} fieldId="decision-reason">
                <TextArea id="decision-reason" value={reason} onChange={(_e, v) => setReason(v)} resizeOrientation="vertical" />
              </FormGroup>
              <ActionGroup>
                <Button onClick={() => void decideNow("approve")} isDisabled={busy}>
                  {t("bitlockerApprove")}
                </Button>
                <Button variant="danger" onClick={() => void decideNow("reject")} isDisabled={busy || !reason.trim()}>
                  {t("bitlockerReject")}
                </Button>
              </ActionGroup>
            </Form>
          ) : null}
          {pending && mine ? (
            <>
              <Alert className="pf-v5-u-mt-lg" variant="info" isInline title={t("bitlockerWaitingForApprover")} />
              <Button className="pf-v5-u-mt-md" variant="secondary" onClick={() => void withdraw()} isDisabled={busy}>
                {t("bitlockerWithdraw")}
              </Button>
            </>
          ) : null}
          {request.status === "APPROVED" && mine ? (
            <Alert className="pf-v5-u-mt-lg" variant="success" isInline title={t("bitlockerApprovedOnce")} data-testid="approved">
              <a href={`#/devices/${encodeURIComponent(request.deviceId)}?request=${encodeURIComponent(request.requestId)}`}>
                {t("bitlockerRevealKeyOf", { device: request.deviceName })}
              </a>
            </Alert>
          ) : null}
        </>
      ) : null}
      <ProblemAlert error={error} />
    </PageSection>
  );
}
