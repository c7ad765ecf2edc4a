import { FormEvent, useEffect, useRef, useState } from "react";
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextArea,
  TextInput,
} from "@patternfly/react-core";

import { ApiError, getJson, send } from "../api";
import { roles, stepUp } from "../auth";
import { Device, Key, ReleaseRequest, Revealed, VOLUME_TYPES } from "../model";
import { OTHER_REASON, REASONS, reasonText } from "../reasons";
import { ProblemAlert } from "./ProblemAlert";

/** What survives the step-up redirect: the form, never a key. */
const PENDING = "keygate.pendingReveal";

interface Intent {
  deviceId: string;
  keyId: string;
  ticket: string;
  choice: string;
  details: string;
  breakGlass: boolean;
  requestId?: string;
}

/** The newest active key of the operating-system volume, else the newest active key. */
function defaultKey(keys: Key[]): string {
  const active = keys.filter((k) => k.state === "ACTIVE").sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (active.find((k) => k.volumeType === "OPERATING_SYSTEM") ?? active[0])?.keyId ?? "";
}

function requestIdFromAddress(): string | undefined {
  return new URLSearchParams(window.location.hash.split("?")[1]).get("request") ?? undefined;
}

/** Reveal: ticket, reason, the step-up challenge handled for the user, dual control when the realm asks for it. */
export function RevealForm({ device, onRevealed }: { device: Device; onRevealed: (r: Revealed) => void }) {
  const activeKeys = device.keys.filter((k) => k.state === "ACTIVE");
  const [intent, setIntent] = useState<Intent>({
    deviceId: device.deviceId,
    keyId: defaultKey(device.keys),
    ticket: "",
    choice: REASONS[0],
    details: "",
    breakGlass: false,
    requestId: requestIdFromAddress(),
  });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [requested, setRequested] = useState<string>();
  const resumed = useRef(false);
  const isAdmin = roles().includes("bitlocker-admin");
  const set = (change: Partial<Intent>) => setIntent((current) => ({ ...current, ...change }));

  const reveal = async (what: Intent, afterStepUp: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, unknown> = { keyId: what.keyId || undefined };
      const reason = reasonText(what.choice, what.details);
      if (what.breakGlass) {
        body.breakGlass = true;
      } else if (what.ticket.trim()) {
        body.ticket = what.ticket.trim();
      }
      if (reason) {
        body.reason = reason;
      }
      if (what.requestId) {
        body.requestId = what.requestId;
      }
      const result = await send<Revealed>("POST", `/keys/${encodeURIComponent(what.deviceId)}/reveal`, body);
      if (result) {
        onRevealed(result);
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === "insufficient_user_authentication" && !afterStepUp) {
        sessionStorage.setItem(PENDING, JSON.stringify(what));
        await stepUp(e.challenge?.acrValues, e.challenge?.maxAge);
        return;
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Back from the step-up login: the same reveal once more, without asking again.
  useEffect(() => {
    if (resumed.current) {
      return;
    }
    resumed.current = true;
    const saved = sessionStorage.getItem(PENDING);
    sessionStorage.removeItem(PENDING);
    if (!saved) {
      if (intent.requestId) {
        // Using an approved request: the same key and ticket it was approved for.
        getJson<ReleaseRequest>(`/requests/${encodeURIComponent(intent.requestId)}`)
          .then((r) => set({ keyId: r.keyId, ticket: r.ticket?.key ?? "", breakGlass: r.breakGlass }))
          .catch(setError);
      }
      return;
    }
    const pending = JSON.parse(saved) as Intent;
    if (pending.deviceId === device.deviceId) {
      setIntent(pending);
      void reveal(pending, true);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [device.deviceId]);

  const requestApproval = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body: Record<string, unknown> = {
        keyId: intent.keyId || undefined,
        reason: reasonText(intent.choice, intent.details) ?? "",
      };
      if (intent.breakGlass) {
        body.breakGlass = true;
      } else if (intent.ticket.trim()) {
        body.ticket = intent.ticket.trim();
      }
      const created = await send<{ requestId: string }>("POST", `/keys/${encodeURIComponent(device.deviceId)}/requests`, body);
      setRequested(created?.requestId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void reveal(intent, false);
  };

  const needsApproval = error instanceof ApiError && error.code === "approval_required" && !requested;

  return (
    <Card isCompact className="pf-v5-u-mt-lg">
      <CardTitle component="h2">Reveal a recovery key</CardTitle>
      <CardBody>
        {activeKeys.length === 0 ? (
          <p>This device has no active key to reveal.</p>
        ) : (
          <Form onSubmit={submit} aria-label="Reveal a recovery key">
            <FormGroup label="Key" fieldId="reveal-key">
              <FormSelect id="reveal-key" value={intent.keyId} onChange={(_e, value) => set({ keyId: value })}>
                {activeKeys.map((k) => (
                  <FormSelectOption
                    key={k.keyId}
                    value={k.keyId}
                    label={`${k.keyId.slice(0, 8).toUpperCase()}… — ${VOLUME_TYPES[k.volumeType]}`}
                  />
                ))}
              </FormSelect>
            </FormGroup>
            {intent.breakGlass ? null : (
              <FormGroup label="Incident ticket" fieldId="reveal-ticket">
                <TextInput
                  id="reveal-ticket"
                  name="ticket"
                  value={intent.ticket}
                  onChange={(_e, value) => set({ ticket: value })}
                  autoComplete="off"
                  spellCheck={false}
                />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>An open incident that names this device, such as ITSM-123 or INC0012345.</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            )}
            <FormGroup label="Reason" fieldId="reveal-reason">
              <FormSelect id="reveal-reason" value={intent.choice} onChange={(_e, value) => set({ choice: value })}>
                {[...REASONS, OTHER_REASON].map((r) => (
                  <FormSelectOption key={r} value={r} label={r} />
                ))}
              </FormSelect>
            </FormGroup>
            <FormGroup label="Details" fieldId="reveal-details">
              <TextArea
                id="reveal-details"
                value={intent.details}
                onChange={(_e, value) => set({ details: value })}
                resizeOrientation="vertical"
              />
            </FormGroup>
            {isAdmin ? (
              <Checkbox
                id="reveal-break-glass"
                label="Break glass: no ticket (the reason must say why, at least 20 characters)"
                isChecked={intent.breakGlass}
                onChange={(_e, checked) => set({ breakGlass: checked })}
              />
            ) : null}
            <ProblemAlert error={error} />
            {requested ? (
              <Alert variant="info" isInline title="Approval requested" data-testid="approval-requested">
                An approver has been notified. When the request is approved, reveal the key from{" "}
                <a href={`#/requests/${requested}`}>your request</a>.
              </Alert>
            ) : null}
            <ActionGroup>
              <Button type="submit" isLoading={busy} isDisabled={busy}>
                Reveal key
              </Button>
              {needsApproval ? (
                <Button variant="secondary" onClick={requestApproval} isDisabled={busy}>
                  Request approval
                </Button>
              ) : null}
            </ActionGroup>
          </Form>
        )}
      </CardBody>
    </Card>
  );
}
