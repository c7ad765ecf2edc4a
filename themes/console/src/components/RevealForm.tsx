import { FormEvent, useCallback, useEffect, useState } from "react";
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

import { useTranslation } from "react-i18next";

import { api, ApiError, type RevealBody } from "../api";
import { roles } from "../auth";
import { saveFile } from "../download";
import { useStepUpAction } from "../hooks";
import { keyPackageFile, withoutKeyPackage } from "../keyPackage";
import { OTHER_REASON, REASONS, reasonText } from "../reasons";
import { ProblemAlert } from "./ProblemAlert";
import { shortKeyId } from "../../../shared/format";
import { VOLUME_TYPE } from "../../../shared/labels";
import { hasStrings, INTENTS } from "../../../shared/stepUp";
import type { Device, Key, Revealed } from "../../../shared/types";

/** What survives the step-up redirect: the form, never a key. */
interface Intent {
  deviceId: string;
  keyId: string;
  ticket: string;
  choice: string;
  details: string;
  breakGlass: boolean;
  requestId?: string;
  /** Also download the key's package (`<keyId>.kpg`). */
  keyPackage: boolean;
}

const isIntent = (value: unknown): value is Intent =>
  hasStrings(value, "deviceId", "keyId", "ticket", "choice", "details") &&
  typeof value.breakGlass === "boolean" &&
  typeof value.keyPackage === "boolean";

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
  const { t } = useTranslation();
  const activeKeys = device.keys.filter((k) => k.state === "ACTIVE");
  const [savedFile, setSavedFile] = useState<string>();
  /** The request body of the form: a ticket or break glass, the reason in the user's words, an approved request. */
  const bodyOf = useCallback(
    (what: Intent): RevealBody => {
      const reason = reasonText(what.choice === OTHER_REASON ? "" : t(what.choice), what.details);
      return {
        keyId: what.keyId || undefined,
        ...(what.breakGlass ? { breakGlass: true } : what.ticket.trim() ? { ticket: what.ticket.trim() } : {}),
        ...(reason ? { reason } : {}),
        ...(what.requestId ? { requestId: what.requestId } : {}),
        ...(what.keyPackage ? { keyPackage: true } : {}),
      };
    },
    [t],
  );
  const revealed = useCallback(
    (result: Revealed) => {
      // Saved straight from memory; the page keeps only the password, which it hides again on its own.
      const file = keyPackageFile(result);
      if (file) {
        saveFile(new Blob([file.bytes], { type: "application/octet-stream" }), file.name);
      }
      setSavedFile(file?.name);
      onRevealed(withoutKeyPackage(result));
    },
    [onRevealed],
  );
  // Back from the step-up sign-in: the form as it was sent, sent once more without asking again.
  const { busy, error, setError, run, act, resumed } = useStepUpAction(
    INTENTS.consoleReveal,
    (value: unknown): value is Intent => isIntent(value) && value.deviceId === device.deviceId,
    useCallback((what: Intent) => api.keys.reveal(what.deviceId, bodyOf(what)), [bodyOf]),
    revealed,
  );
  const [intent, setIntent] = useState<Intent>(
    () =>
      resumed ?? {
        deviceId: device.deviceId,
        keyId: defaultKey(device.keys),
        ticket: "",
        choice: REASONS[0],
        details: "",
        breakGlass: false,
        requestId: requestIdFromAddress(),
        keyPackage: false,
      },
  );
  const [requested, setRequested] = useState<string>();
  const isAdmin = roles().includes("bitlocker-admin");
  const set = (change: Partial<Intent>) => setIntent((current) => ({ ...current, ...change }));

  // Using an approved request: the same key and ticket it was approved for.
  const requestId = intent.requestId;
  useEffect(() => {
    if (!requestId) {
      return;
    }
    const controller = new AbortController();
    api.requests
      .get(requestId, controller.signal)
      .then((r) => setIntent((current) => ({ ...current, keyId: r.keyId, ticket: r.ticket?.key ?? "", breakGlass: r.breakGlass })))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setError(e);
        }
      });
    return () => controller.abort();
  }, [requestId, setError]);

  const requestApproval = async () => {
    const body = bodyOf(intent);
    const created = await run(() =>
      api.keys.requestRelease(device.deviceId, { keyId: body.keyId, ticket: body.ticket, breakGlass: body.breakGlass, reason: body.reason ?? "" }),
    );
    setRequested(created?.requestId);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(intent);
  };

  const hasKeyPackage = activeKeys.some((k) => k.keyId === intent.keyId && k.hasKeyPackage);
  const needsApproval = error instanceof ApiError && error.code === "approval_required" && !requested;

  return (
    <Card isCompact className="pf-v5-u-mt-lg">
      <CardTitle component="h2">{t("bitlockerRevealTitle")}</CardTitle>
      <CardBody>
        {activeKeys.length === 0 ? (
          <p>{t("bitlockerNoActiveKey")}</p>
        ) : (
          <Form onSubmit={submit} aria-label={t("bitlockerRevealTitle")}>
            <FormGroup label={t("bitlockerKey")} fieldId="reveal-key">
              <FormSelect id="reveal-key" value={intent.keyId} onChange={(_e, value) => set({ keyId: value, keyPackage: false })}>
                {activeKeys.map((k) => (
                  <FormSelectOption
                    key={k.keyId}
                    value={k.keyId}
                    label={`${shortKeyId(k.keyId)}… — ${t(VOLUME_TYPE[k.volumeType])}`}
                  />
                ))}
              </FormSelect>
            </FormGroup>
            {intent.breakGlass ? null : (
              <FormGroup label={t("bitlockerIncidentTicket")} fieldId="reveal-ticket">
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
                    <HelperTextItem>{t("bitlockerIncidentTicketHelp")}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
            )}
            <FormGroup label={t("bitlockerReason")} fieldId="reveal-reason">
              <FormSelect id="reveal-reason" value={intent.choice} onChange={(_e, value) => set({ choice: value })}>
                {[...REASONS, OTHER_REASON].map((r) => (
                  <FormSelectOption key={r} value={r} label={t(r)} />
                ))}
              </FormSelect>
            </FormGroup>
            <FormGroup label={t("bitlockerDetails")} fieldId="reveal-details">
              <TextArea
                id="reveal-details"
                value={intent.details}
                onChange={(_e, value) => set({ details: value })}
                resizeOrientation="vertical"
              />
            </FormGroup>
            {hasKeyPackage ? (
              <Checkbox
                id="reveal-key-package"
                label={t("bitlockerKeyPackageOption")}
                isChecked={intent.keyPackage}
                onChange={(_e, checked) => set({ keyPackage: checked })}
              />
            ) : null}
            {isAdmin ? (
              <Checkbox
                id="reveal-break-glass"
                label={t("bitlockerBreakGlassOption")}
                isChecked={intent.breakGlass}
                onChange={(_e, checked) => set({ breakGlass: checked })}
              />
            ) : null}
            <ProblemAlert error={error} />
            {savedFile ? (
              <Alert variant="info" isInline isPlain title={t("bitlockerKeyPackageSaved", { file: savedFile })} data-testid="key-package-saved" />
            ) : null}
            {requested ? (
              <Alert variant="info" isInline title={t("bitlockerApprovalRequested")} data-testid="approval-requested">
                {t("bitlockerApprovalRequestedText")} <a href={`#/requests/${encodeURIComponent(requested)}`}>{t("bitlockerYourRequest")}</a>
              </Alert>
            ) : null}
            <ActionGroup>
              <Button type="submit" isLoading={busy} isDisabled={busy}>
                {t("bitlockerRevealKey")}
              </Button>
              {needsApproval ? (
                <Button variant="secondary" onClick={() => void requestApproval()} isDisabled={busy}>
                  {t("bitlockerRequestApproval")}
                </Button>
              ) : null}
            </ActionGroup>
          </Form>
        )}
      </CardBody>
    </Card>
  );
}
