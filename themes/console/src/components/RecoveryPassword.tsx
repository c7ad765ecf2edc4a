import { useEffect, useState } from "react";

import { Alert, Button, Card, CardBody, CardTitle, Flex, FlexItem } from "@patternfly/react-core";
import CopyIcon from "@patternfly/react-icons/dist/esm/icons/copy-icon";

import { formatTime, Revealed, VOLUME_TYPES } from "../model";
import { copyToClipboard, guardClipboard, SHOW_SECONDS, watchExposure } from "../../../shared/exposure";

/**
 * The released recovery password in its 8 groups, large and monospaced, with a copy button. It is
 * held only in this component's state: gone after {@link SHOW_SECONDS}, when the tab is hidden, or
 * when the page changes; a copy of it leaves the clipboard then too.
 */
export function RecoveryPassword({ revealed, onHide }: { revealed: Revealed; onHide: () => void }) {
  const [left, setLeft] = useState(SHOW_SECONDS);
  const [copied, setCopied] = useState<string>();

  useEffect(() => watchExposure(setLeft, onHide), [onHide]);
  // Hidden by any way, it leaves the clipboard without it.
  useEffect(() => guardClipboard(revealed.recoveryPassword), [revealed.recoveryPassword]);

  const copy = async () =>
    setCopied(
      (await copyToClipboard(revealed.recoveryPassword))
        ? "Copied to the clipboard."
        : "The browser refused the clipboard: select the groups and copy them by hand.",
    );

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
