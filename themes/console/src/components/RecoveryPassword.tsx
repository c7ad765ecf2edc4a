import { useEffect, useState } from "react";
import { Alert, Button, Card, CardBody, CardTitle, Flex, FlexItem } from "@patternfly/react-core";
import CopyIcon from "@patternfly/react-icons/dist/esm/icons/copy-icon";

import { formatTime, Revealed, VOLUME_TYPES } from "../model";

/** Seconds a released recovery password stays on screen. */
export const SHOW_SECONDS = 60;

/**
 * The released recovery password in its 8 groups, large and monospaced, with a copy button. It is
 * held only in this component's state: gone after {@link SHOW_SECONDS}, when the tab is hidden, or
 * when the page changes.
 */
export function RecoveryPassword({ revealed, onHide }: { revealed: Revealed; onHide: () => void }) {
  const [left, setLeft] = useState(SHOW_SECONDS);
  const [copied, setCopied] = useState<string>();

  useEffect(() => {
    const timer = window.setInterval(() => setLeft((s) => s - 1), 1000);
    const hidden = () => {
      if (document.visibilityState === "hidden") {
        onHide();
      }
    };
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", hidden);
    };
  }, [onHide]);

  useEffect(() => {
    if (left <= 0) {
      onHide();
    }
  }, [left, onHide]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(revealed.recoveryPassword);
      setCopied("Copied to the clipboard.");
    } catch {
      setCopied("The browser refused the clipboard: select the groups and copy them by hand.");
    }
  };

  const groups = revealed.recoveryPassword.split("-");
  return (
    <Card isCompact data-testid="revealed">
      <CardTitle component="h2">Recovery password for {revealed.deviceName}</CardTitle>
      <CardBody>
        <p>
          Key ID <code>{revealed.keyId}</code> · {VOLUME_TYPES[revealed.volumeType]} · created{" "}
          {formatTime(revealed.createdAt)}
        </p>
        <p className="keygate-password" role="group" aria-label="Recovery password" data-testid="recovery-password">
          {groups.map((group, i) => (
            <span key={i} className="keygate-password__group">
              {group}
              {i < groups.length - 1 ? <span className="keygate-password__dash">-</span> : null}
            </span>
          ))}
        </p>
        <Flex alignItems={{ default: "alignItemsCenter" }}>
          <FlexItem>
            <Button variant="secondary" icon={<CopyIcon />} onClick={copy}>
              Copy
            </Button>
          </FlexItem>
          <FlexItem>
            <Button variant="link" onClick={onHide}>
              Hide now
            </Button>
          </FlexItem>
          <FlexItem>
            <span aria-live="polite" data-testid="hide-countdown">
              Hidden again in {Math.max(left, 0)} s
            </span>
          </FlexItem>
        </Flex>
        {copied ? <p aria-live="polite">{copied}</p> : null}
        <Alert variant="info" isInline isPlain title="Recorded">
          Audit entry {revealed.auditId}
          {revealed.ticket ? ` · ticket ${revealed.ticket.key} (${revealed.ticket.status})` : ""}
          {revealed.rotation ? ` · a new key was requested for the device (${revealed.rotation.status})` : ""}
        </Alert>
      </CardBody>
    </Card>
  );
}
