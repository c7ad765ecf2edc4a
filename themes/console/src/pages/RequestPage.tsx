import { useCallback, useEffect, useState } from "react";
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

import { getJson, send } from "../api";
import { abilities, userId } from "../auth";
import { ProblemAlert } from "../components/ProblemAlert";
import { formatTime, ReleaseRequest, REQUEST_STATUSES } from "../model";
import { withStepUp } from "../stepup";

/** A decision that waits for the step-up sign-in: carried on once the user is back. */
const PENDING_DECISION = "keygate.pendingDecision";

interface Decision {
  requestId: string;
  verb: "approve" | "reject";
  reason: string;
}

/** One release request: approve or reject it (approvers, step-up), withdraw it or use it (its requester). */
export function RequestPage({ requestId }: { requestId: string }) {
  const [request, setRequest] = useState<ReleaseRequest>();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setRequest(await getJson<ReleaseRequest>(`/requests/${encodeURIComponent(requestId)}`));
    } catch (e) {
      setError(e);
    }
  }, [requestId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (call: () => Promise<unknown>, remember?: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      const done = await withStepUp(call, remember);
      if (done !== undefined) {
        await load();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const path = `/requests/${encodeURIComponent(requestId)}`;
  const decide = (decision: Decision) =>
    act(
      () => send("POST", `${path}/${decision.verb}`, decision.reason ? { reason: decision.reason } : {}).then((r) => r ?? {}),
      () => sessionStorage.setItem(PENDING_DECISION, JSON.stringify(decision)),
    );
  const decideNow = (verb: Decision["verb"]) => decide({ requestId, verb, reason: reason.trim() });

  // Back from the step-up sign-in: the decision the approver had made, once.
  useEffect(() => {
    const saved = sessionStorage.getItem(PENDING_DECISION);
    sessionStorage.removeItem(PENDING_DECISION);
    if (saved) {
      const decision = JSON.parse(saved) as Decision;
      if (decision.requestId === requestId) {
        setReason(decision.reason);
        void decide(decision);
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestId]);
  const withdraw = () => act(() => send("DELETE", path).then(() => ({})));

  const mine = request?.requester.userId === userId();
  const pending = request?.status === "PENDING";

  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/requests">Release requests</BreadcrumbItem>
        <BreadcrumbItem isActive>{request?.deviceName ?? requestId}</BreadcrumbItem>
      </Breadcrumb>
      {!request && !error ? <Spinner aria-label="Loading the request" /> : null}
      {request ? (
        <>
          <Title headingLevel="h1">Release request for {request.deviceName}</Title>
          <DescriptionList isHorizontal isCompact aria-label="Request details">
            <DescriptionListGroup>
              <DescriptionListTerm>Status</DescriptionListTerm>
              <DescriptionListDescription data-testid="request-status">{REQUEST_STATUSES[request.status]}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Requested by</DescriptionListTerm>
              <DescriptionListDescription>
                {request.requester.username}, {formatTime(request.createdAt)}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Ticket</DescriptionListTerm>
              <DescriptionListDescription>
                {request.ticket ? (
                  <a href={request.ticket.url} target="_blank" rel="noreferrer noopener">
                    {request.ticket.key} ({request.ticket.status})
                  </a>
                ) : request.breakGlass ? (
                  "Break glass, no ticket"
                ) : (
                  "—"
                )}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Reason</DescriptionListTerm>
              <DescriptionListDescription>{request.reason}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Key ID</DescriptionListTerm>
              <DescriptionListDescription>
                <code>{request.keyId.toUpperCase()}</code>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{pending ? "Expires" : "Decided"}</DescriptionListTerm>
              <DescriptionListDescription>
                {pending
                  ? formatTime(request.expiresAt)
                  : request.decidedBy
                    ? `${request.decidedBy.username}, ${formatTime(request.decidedAt)}${request.decisionReason ? ` — ${request.decisionReason}` : ""}`
                    : "—"}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>

          {pending && !mine && abilities().approve ? (
            <Form className="pf-v5-u-mt-lg" aria-label="Decide the request" onSubmit={(e) => e.preventDefault()}>
              <FormGroup label="Reason for your decision (required to reject)" fieldId="decision-reason">
                <TextArea id="decision-reason" value={reason} onChange={(_e, v) => setReason(v)} resizeOrientation="vertical" />
              </FormGroup>
              <ActionGroup>
                <Button onClick={() => void decideNow("approve")} isDisabled={busy}>
                  Approve
                </Button>
                <Button variant="danger" onClick={() => void decideNow("reject")} isDisabled={busy || !reason.trim()}>
                  Reject
                </Button>
              </ActionGroup>
            </Form>
          ) : null}
          {pending && mine ? (
            <>
              <Alert className="pf-v5-u-mt-lg" variant="info" isInline title="Waiting for another person to approve" />
              <Button className="pf-v5-u-mt-md" variant="secondary" onClick={() => void withdraw()} isDisabled={busy}>
                Withdraw the request
              </Button>
            </>
          ) : null}
          {request.status === "APPROVED" && mine ? (
            <Alert className="pf-v5-u-mt-lg" variant="success" isInline title="Approved: you can reveal the key once" data-testid="approved">
              <a href={`#/devices/${encodeURIComponent(request.deviceId)}?request=${encodeURIComponent(request.requestId)}`}>
                Reveal the key of {request.deviceName}
              </a>
            </Alert>
          ) : null}
        </>
      ) : null}
      <ProblemAlert error={error} />
    </PageSection>
  );
}
