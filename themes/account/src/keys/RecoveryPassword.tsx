import { Alert, Button, Card, CardBody, CardTitle, Flex, FlexItem } from "@patternfly/react-core";
import CopyIcon from "@patternfly/react-icons/dist/esm/icons/copy-icon";
import { useEffect, useState } from "react";

import type { Revealed } from "./api";
import { formatTime, VOLUME_TYPES } from "./format";
import { copyToClipboard, guardClipboard, SHOW_SECONDS, watchExposure } from "../../../shared/exposure";

/**
 * The revealed recovery password in its 8 groups, large and monospaced, with a Copy button. It lives only
 * in the page's state: gone after {@link SHOW_SECONDS}, as soon as the tab is hidden, or when the user
 * leaves the page (a copy of it leaves the clipboard then too); it is never written to a URL, storage or
 * the console.
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
        : "The browser did not allow copying: select the digits and copy them by hand.",
    );

  const groups = revealed.recoveryPassword.split("-");
  return (
    <Card isCompact id="keygate-revealed" data-testid="keygate-revealed" className="keygate-revealed">
      <CardTitle component="h2">Recovery password for {revealed.deviceName}</CardTitle>
      <CardBody>
        <p>
          {VOLUME_TYPES[revealed.volumeType] ?? revealed.volumeType} · key ID <code>{revealed.keyId}</code> · created{" "}
          {formatTime(revealed.createdAt)}
        </p>
        <p
          id="keygate-recovery-password"
          data-testid="keygate-recovery-password"
          className="keygate-password"
          role="group"
          aria-label={`Recovery password, ${groups.length} groups of digits`}
        >
          {groups.map((group, i) => (
            <span key={i} className="keygate-password__group">
              {group}
              {i < groups.length - 1 ? (
                <span className="keygate-password__dash" aria-hidden="true">
                  -
                </span>
              ) : null}
            </span>
          ))}
        </p>
        <Flex alignItems={{ default: "alignItemsCenter" }}>
          <FlexItem>
            <Button id="keygate-copy" variant="primary" icon={<CopyIcon />} onClick={copy}>
              Copy
            </Button>
          </FlexItem>
          <FlexItem>
            <Button id="keygate-hide" variant="secondary" onClick={onHide}>
              Hide now
            </Button>
          </FlexItem>
          <FlexItem>
            <span id="keygate-countdown" role="timer" aria-live="off">
              Hidden again in {Math.max(left, 0)} s
            </span>
          </FlexItem>
        </Flex>
        <p aria-live="polite" id="keygate-copy-status">
          {copied ?? ""}
        </p>
        <Alert variant="info" isInline isPlain title="This release was recorded">
          Audit entry {revealed.auditId}.
          {revealed.rotation ? " Your device will get a new recovery key the next time it checks in." : ""}
        </Alert>
      </CardBody>
    </Card>
  );
}
