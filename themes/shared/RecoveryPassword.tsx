import { Alert, Button, Card, CardBody, CardTitle, Flex, FlexItem } from "@patternfly/react-core";
import CopyIcon from "@patternfly/react-icons/dist/esm/icons/copy-icon";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import "./RecoveryPassword.css";

import { clearClipboardSoon, copyToClipboard, SHOW_SECONDS, watchExposure } from "./exposure";
import { formatTime } from "./format";
import { VOLUME_TYPE } from "./labels";
import type { Revealed } from "./types";

/**
 * The released recovery password in its 8 groups, large and monospaced, with Copy and Hide, for both
 * pages. It lives only in this component's state: gone after {@link SHOW_SECONDS}, as soon as the tab
 * is hidden, on "Hide now", or when the page changes; it is never written to a URL, storage or the
 * browser's console. When it was copied, hiding it clears the clipboard too (SPEC §13). The countdown
 * is a timer that screen readers are not told about every second.
 */
export function RecoveryPassword({ revealed, onHide }: { revealed: Revealed; onHide: () => void }) {
  const { t, i18n } = useTranslation();
  const [left, setLeft] = useState(SHOW_SECONDS);
  const [copyStatus, setCopyStatus] = useState<string>();
  // Whether the password went to the clipboard: then going away clears it there too.
  const copied = useRef(false);
  const password = revealed.recoveryPassword;

  useEffect(() => watchExposure(setLeft, onHide), [onHide]);

  // Runs when the password goes away, whichever way: the parent drops it (timer, tab hidden, Hide) or the page changes.
  useEffect(() => {
    const wasCopied = copied;
    return () => {
      if (wasCopied.current) {
        clearClipboardSoon(password);
      }
    };
  }, [password]);

  const copy = async () => {
    const done = await copyToClipboard(password);
    copied.current = copied.current || done;
    setCopyStatus(done ? "bitlockerCopied" : "bitlockerCopyRefused");
  };

  const groups = password.split("-");
  return (
    <Card isCompact id="keygate-revealed" data-testid="revealed" className="keygate-revealed">
      <CardTitle component="h2">{t("bitlockerRevealedTitle", { device: revealed.deviceName })}</CardTitle>
      <CardBody>
        <p>
          {t(VOLUME_TYPE[revealed.volumeType] ?? revealed.volumeType)} · {t("bitlockerKeyIdLabel")} <code>{revealed.keyId}</code> ·{" "}
          {t("bitlockerCreatedAt", { time: formatTime(revealed.createdAt, i18n.language) })}
        </p>
        <p
          id="keygate-recovery-password"
          data-testid="recovery-password"
          className="keygate-password"
          role="group"
          aria-label={t("bitlockerPasswordGroups", { count: groups.length })}
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
            <Button id="keygate-copy" variant="primary" icon={<CopyIcon />} onClick={() => void copy()}>
              {t("bitlockerCopy")}
            </Button>
          </FlexItem>
          <FlexItem>
            <Button id="keygate-hide" variant="secondary" onClick={onHide}>
              {t("bitlockerHideNow")}
            </Button>
          </FlexItem>
          <FlexItem>
            <span id="keygate-countdown" data-testid="hide-countdown" role="timer" aria-live="off">
              {t("bitlockerHiddenIn", { seconds: Math.max(left, 0) })}
            </span>
          </FlexItem>
        </Flex>
        <p aria-live="polite" id="keygate-copy-status">
          {copyStatus ? t(copyStatus) : ""}
        </p>
        <Alert variant="info" isInline isPlain title={t("bitlockerReleaseRecorded")}>
          {t("bitlockerAuditEntry", { id: revealed.auditId })}
          {revealed.ticket ? ` · ${t("bitlockerTicketWithStatus", { ticket: revealed.ticket.key, status: revealed.ticket.status })}` : ""}
          {revealed.rotation ? ` · ${t("bitlockerRotationAfterReveal")}` : ""}
        </Alert>
      </CardBody>
    </Card>
  );
}
