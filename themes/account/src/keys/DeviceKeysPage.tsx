import { Page, useEnvironment, type AccountEnvironment } from "@keycloak/keycloak-account-ui";
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  DataList,
  DataListAction,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Label,
  Spinner,
} from "@patternfly/react-core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, KeysApi } from "./api";
import { formatTime, shortKeyId } from "../../../shared/format";
import { ESCROW_STATUS, VOLUME_TYPE } from "../../../shared/labels";
import { problemMessage } from "../../../shared/problems";
import { RecoveryPassword } from "../../../shared/RecoveryPassword";
import { hasStrings, INTENTS, rememberIntent, takeIntent } from "../../../shared/stepUp";
import type { Device, Key as DeviceKey, Revealed } from "../../../shared/types";

/** Which key of which device the user wanted to reveal, across the step-up sign-in. */
interface RevealIntent {
  deviceId: string;
  keyId: string;
}

const isRevealIntent = (value: unknown): value is RevealIntent => hasStrings(value, "deviceId", "keyId");

/** A refusal as one sentence: what happened and what to do. */
function useProblemSentence() {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const problem = problemMessage(error);
      return `${t(problem.title, problem.values)} ${t(problem.next, problem.values)}`;
    },
    [t],
  );
}

/** The page's route under the account console (content.json points its navigation entry here). */
export const DEVICE_KEYS_PATH = "device-recovery-keys";

/**
 * "Device recovery keys": the signed-in user's devices (`GET /me/devices`) and, per active key, a Reveal
 * button (`POST /keys/{deviceId}/reveal`). The calls carry the account console's own access token (client
 * account-console). When the extension answers with an RFC 9470 challenge, the page remembers which key
 * was wanted, signs in again with the challenge's acr_values and max_age, and reveals it on coming back.
 */
export function DeviceKeysPage() {
  const { t } = useTranslation();
  const { environment, keycloak } = useEnvironment<AccountEnvironment>();
  const api = useMemo(
    () =>
      KeysApi.of(environment, keycloak),
    [environment, keycloak],
  );

  const [devices, setDevices] = useState<Device[]>();
  const [problem, setProblem] = useState<string>();
  const [busyKey, setBusyKey] = useState<string>();
  const [revealed, setRevealed] = useState<Revealed>();
  // A reveal interrupted by the step-up sign-in, to be retried once now that the user is back.
  const [takenIntent] = useState(() => takeIntent(INTENTS.accountReveal, isRevealIntent));
  const sentenceFor = useProblemSentence();
  const pendingIntent = useRef<RevealIntent | undefined>(takenIntent);

  const load = useCallback(
    (signal?: AbortSignal) =>
      api
        .devices(signal)
        .then(setDevices)
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) {
            setProblem(sentenceFor(error));
            setDevices((current) => current ?? []);
          }
        }),
    [api, sentenceFor],
  );

  const reveal = useCallback(
    async (intent: RevealIntent, afterStepUp: boolean) => {
      setProblem(undefined);
      setRevealed(undefined);
      setBusyKey(intent.keyId);
      try {
        setRevealed(await api.reveal(intent.deviceId, intent.keyId));
        void load();
      } catch (error) {
        if (error instanceof ApiError && error.code === "insufficient_user_authentication" && !afterStepUp) {
          // Step-up: only the device and key are remembered; the sign-in comes back to this page.
          rememberIntent(INTENTS.accountReveal, { deviceId: intent.deviceId, keyId: intent.keyId });
          await keycloak.login({
            redirectUri: window.location.href,
            acrValues: error.challenge?.acrValues ?? "2",
            maxAge: error.challenge?.maxAge ?? 300,
          });
          return;
        }
        setProblem(sentenceFor(error));
      } finally {
        setBusyKey(undefined);
      }
    },
    [api, keycloak, load, sentenceFor],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    const intent = pendingIntent.current;
    if (intent) {
      pendingIntent.current = undefined;
      void reveal(intent, true);
    }
  }, [reveal]);

  const hide = useCallback(() => setRevealed(undefined), []);

  return (
    <Page title={t("deviceRecoveryKeys")} description={t("deviceRecoveryKeysDescription")}>
      <div id="keygate-device-keys">
        {problem ? (
          <div id="keygate-problem" data-testid="keygate-problem" role="alert">
            <Alert variant="danger" isInline title={problem} />
          </div>
        ) : null}
        {revealed ? <RecoveryPassword revealed={revealed} onHide={hide} /> : null}
        {devices === undefined ? (
          <Spinner aria-label={t("bitlockerLoadingYourDevices")} />
        ) : devices.length === 0 && !problem ? (
          <EmptyState id="keygate-no-devices" variant="sm">
            <EmptyStateHeader titleText={t("bitlockerNoDevicesTitle")} headingLevel="h2" />
            <EmptyStateBody>{t("bitlockerNoDevices")}</EmptyStateBody>
          </EmptyState>
        ) : (
          <section id="keygate-devices" data-testid="keygate-devices" aria-label={t("bitlockerYourDevices")}>
            {devices.map((device) => (
              <DeviceCard
                key={device.deviceId}
                device={device}
                busyKey={busyKey}
                onReveal={(key) => void reveal({ deviceId: device.deviceId, keyId: key.keyId }, false)}
              />
            ))}
          </section>
        )}
      </div>
    </Page>
  );
}

function DeviceCard({
  device,
  busyKey,
  onReveal,
}: {
  device: Device;
  busyKey?: string;
  onReveal: (key: DeviceKey) => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `keygate-device-${device.deviceId}-name`;
  return (
    <Card
      component="article"
      className="keygate-device"
      id={`keygate-device-${device.deviceId}`}
      data-testid="keygate-device"
      aria-labelledby={headingId}
    >
      <CardTitle component="h2" id={headingId}>
        {device.deviceName}
      </CardTitle>
      <CardBody>
        <DescriptionList isCompact isHorizontal horizontalTermWidthModifier={{ default: "10rem" }}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("bitlockerEscrowStatus")}</DescriptionListTerm>
            <DescriptionListDescription>
              <Label color={device.escrowStatus === "ESCROWED" ? "green" : device.escrowStatus === "FAILED" ? "red" : "grey"}>
                {t(ESCROW_STATUS[device.escrowStatus] ?? device.escrowStatus)}
              </Label>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>{t("bitlockerLastCheckIn")}</DescriptionListTerm>
            <DescriptionListDescription>{formatTime(device.lastCheckIn, i18n.language)}</DescriptionListDescription>
          </DescriptionListGroup>
          {device.rotation?.status ? (
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerRotationLabel")}</DescriptionListTerm>
              <DescriptionListDescription>{device.rotation.status}</DescriptionListDescription>
            </DescriptionListGroup>
          ) : null}
        </DescriptionList>
        <div className="keygate-keys">
          {device.keys.length === 0 ? (
            <p>{t("bitlockerNoKeyEscrowed")}</p>
          ) : (
            <DataList aria-label={t("bitlockerKeysOf", { device: device.deviceName })} isCompact>
              {device.keys.map((key) => (
                <KeyRow
                  key={key.keyId}
                  device={device}
                  recoveryKey={key}
                  busy={busyKey === key.keyId}
                  disabled={!!busyKey}
                  onReveal={onReveal}
                />
              ))}
            </DataList>
          )}
        </div>
      </CardBody>
    </Card>
  );
}

function KeyRow({
  device,
  recoveryKey: key,
  busy,
  disabled,
  onReveal,
}: {
  device: Device;
  recoveryKey: DeviceKey;
  busy: boolean;
  disabled: boolean;
  onReveal: (key: DeviceKey) => void;
}) {
  const { t, i18n } = useTranslation();
  const volume = t(VOLUME_TYPE[key.volumeType] ?? key.volumeType);
  const rowId = `keygate-key-${key.keyId}`;
  return (
    <DataListItem aria-labelledby={`${rowId}-volume`} id={rowId} data-testid="keygate-key">
      <DataListItemRow>
        <DataListItemCells
          dataListCells={[
            <DataListCell key="volume" width={2}>
              <strong id={`${rowId}-volume`}>{volume}</strong>
              <div className="keygate-key-id">
                {t("bitlockerKeyIdLabel")} <code>{key.keyId}</code>
              </div>
            </DataListCell>,
            <DataListCell key="created">{t("bitlockerCreatedAt", { time: formatTime(key.createdAt, i18n.language) })}</DataListCell>,
            <DataListCell key="state">
              {key.state === "ACTIVE" ? <Label color="blue">{t("bitlockerKeyCurrent")}</Label> : <Label color="grey">{t("bitlockerKeyReplaced")}</Label>}
            </DataListCell>,
          ]}
        />
        <DataListAction id={`${rowId}-actions`} aria-labelledby={`${rowId}-volume`} aria-label={t("bitlockerActionsFor", { volume })}>
          {key.state === "ACTIVE" ? (
            <Button
              id={`keygate-reveal-${key.keyId}`}
              data-testid="keygate-reveal"
              variant="secondary"
              isLoading={busy}
              isDisabled={disabled}
              aria-label={t("bitlockerRevealLabel", { volume, key: shortKeyId(key.keyId), device: device.deviceName })}
              onClick={() => onReveal(key)}
            >
              {t("bitlockerReveal")}
            </Button>
          ) : (
            <span>{t("bitlockerNotRevealable")}</span>
          )}
        </DataListAction>
      </DataListItemRow>
    </DataListItem>
  );
}
