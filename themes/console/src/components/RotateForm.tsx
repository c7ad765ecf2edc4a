import { FormEvent, useState } from "react";
import { ActionGroup, Alert, Button, Card, CardBody, CardTitle, Form, FormGroup, TextInput } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

import { api } from "../api";
import { roles } from "../auth";
import { useAction } from "../hooks";
import { ProblemAlert } from "./ProblemAlert";
import type { Device } from "../../../shared/types";

/** Rotate: admins without a ticket, helpdesk with one; step-up as for a release. */
export function RotateForm({ device, onRequested }: { device: Device; onRequested: () => void }) {
  const { t } = useTranslation();
  const [ticket, setTicket] = useState("");
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const mine = roles();
  if (!mine.includes("bitlocker-admin") && !mine.includes("bitlocker-helpdesk")) {
    return null;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = ticket.trim() ? { ticket: ticket.trim() } : {};
    // A rotation carries nothing over the step-up sign-in: the user asks again on coming back.
    const answer = await run(() => api.keys.rotate(device.deviceId, body).then((r) => r ?? {}));
    if (answer) {
      setDone(true);
      onRequested();
    }
  };

  return (
    <Card isCompact className="pf-v5-u-mt-lg">
      <CardTitle component="h2">{t("bitlockerRotateTitle")}</CardTitle>
      <CardBody>
        <Form onSubmit={submit} aria-label={t("bitlockerRotateTitle")}>
          <FormGroup label={t("bitlockerRotateTicket")} fieldId="rotate-ticket">
            <TextInput id="rotate-ticket" value={ticket} onChange={(_e, v) => setTicket(v)} autoComplete="off" />
          </FormGroup>
          <ProblemAlert error={error} />
          {done ? <Alert variant="success" isInline title={t("bitlockerRotationRequested")} /> : null}
          <ActionGroup>
            <Button type="submit" variant="secondary" isLoading={busy} isDisabled={busy}>
              {t("bitlockerRequestNewKey")}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
