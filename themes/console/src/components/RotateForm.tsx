import { FormEvent, useState } from "react";
import { ActionGroup, Alert, Button, Card, CardBody, CardTitle, Form, FormGroup, TextInput } from "@patternfly/react-core";

import { send } from "../api";
import { roles } from "../auth";
import { withStepUp } from "../stepup";
import { Device } from "../model";
import { ProblemAlert } from "./ProblemAlert";

/** Rotate: admins without a ticket, helpdesk with one; step-up as for a release. */
export function RotateForm({ device, onRequested }: { device: Device; onRequested: () => void }) {
  const [ticket, setTicket] = useState("");
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const mine = roles();
  if (!mine.includes("bitlocker-admin") && !mine.includes("bitlocker-helpdesk")) {
    return null;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = ticket.trim() ? { ticket: ticket.trim() } : {};
      const answer = await withStepUp(() => send("POST", `/keys/${encodeURIComponent(device.deviceId)}/rotate`, body));
      if (answer) {
        setDone(true);
        onRequested();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card isCompact className="pf-v5-u-mt-lg">
      <CardTitle component="h2">Rotate the recovery key</CardTitle>
      <CardBody>
        <Form onSubmit={submit} aria-label="Rotate the recovery key">
          <FormGroup label="Incident ticket (helpdesk)" fieldId="rotate-ticket">
            <TextInput id="rotate-ticket" value={ticket} onChange={(_e, v) => setTicket(v)} autoComplete="off" />
          </FormGroup>
          <ProblemAlert error={error} />
          {done ? <Alert variant="success" isInline title="Rotation requested: the device gets a new key at its next check-in." /> : null}
          <ActionGroup>
            <Button type="submit" variant="secondary" isLoading={busy} isDisabled={busy}>
              Request a new key
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
