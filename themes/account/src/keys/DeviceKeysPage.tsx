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

import { joinPath } from "../environment";
import { ApiError, KeysApi, type Device, type DeviceKey, type Revealed } from "./api";
import { ESCROW_STATUS, formatTime, shortKeyId, VOLUME_TYPES } from "./format";
import { sentenceFor } from "./problems";
import { RecoveryPassword } from "./RecoveryPassword";
import { rememberIntent, takeIntent, type RevealIntent } from "./stepUp";

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
      new KeysApi(
        joinPath(environment.serverBaseUrl, "realms", encodeURIComponent(environment.realm), "devices/security/bitlocker"),
        keycloak,
      ),
    [environment, keycloak],
  );

  const [devices, setDevices] = useState<Device[]>();
  const [problem, setProblem] = useState<string>();
  const [busyKey, setBusyKey] = useState<string>();
  const [revealed, setRevealed] = useState<Revealed>();
  // A reveal interrupted by the step-up sign-in, to be retried once now that the user is back.
  const [takenIntent] = useState(takeIntent);
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
    [api],
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
          rememberIntent(intent);
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
    [api, keycloak, load],
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
          <Spinner aria-label="Loading your devices" />
        ) : devices.length === 0 && !problem ? (
          <EmptyState id="keygate-no-devices" variant="sm">
            <EmptyStateHeader titleText="No devices" headingLevel="h2" />
            <EmptyStateBody>No BitLocker-protected device is registered to you.</EmptyStateBody>
          </EmptyState>
        ) : (
          <section id="keygate-devices" data-testid="keygate-devices" aria-label="Your devices">
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
            <DescriptionListTerm>Escrow</DescriptionListTerm>
            <DescriptionListDescription>
              <Label color={device.escrowStatus === "ESCROWED" ? "green" : device.escrowStatus === "FAILED" ? "red" : "grey"}>
                {ESCROW_STATUS[device.escrowStatus] ?? device.escrowStatus}
              </Label>
            </DescriptionListDescription>
          </DescriptionListGroup>
          <DescriptionListGroup>
            <DescriptionListTerm>Last check-in</DescriptionListTerm>
            <DescriptionListDescription>{formatTime(device.lastCheckIn)}</DescriptionListDescription>
          </DescriptionListGroup>
          {device.rotation?.status ? (
            <DescriptionListGroup>
              <DescriptionListTerm>Key rotation</DescriptionListTerm>
              <DescriptionListDescription>{device.rotation.status.toLowerCase().replace(/_/g, " ")}</DescriptionListDescription>
            </DescriptionListGroup>
          ) : null}
        </DescriptionList>
        <div className="keygate-keys">
          {device.keys.length === 0 ? (
            <p>No recovery key of this device is escrowed.</p>
          ) : (
            <DataList aria-label={`Recovery keys of ${device.deviceName}`} isCompact>
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
  const volume = VOLUME_TYPES[key.volumeType] ?? key.volumeType;
  const rowId = `keygate-key-${key.keyId}`;
  return (
    <DataListItem aria-labelledby={`${rowId}-volume`} id={rowId} data-testid="keygate-key">
      <DataListItemRow>
        <DataListItemCells
          dataListCells={[
            <DataListCell key="volume" width={2}>
              <strong id={`${rowId}-volume`}>{volume}</strong>
              <div className="keygate-key-id">
                Key ID <code>{key.keyId}</code>
              </div>
            </DataListCell>,
            <DataListCell key="created">Created {formatTime(key.createdAt)}</DataListCell>,
            <DataListCell key="state">
              {key.state === "ACTIVE" ? <Label color="blue">Current</Label> : <Label color="grey">Replaced</Label>}
            </DataListCell>,
          ]}
        />
        <DataListAction id={`${rowId}-actions`} aria-labelledby={`${rowId}-volume`} aria-label={`Actions for ${volume}`}>
          {key.state === "ACTIVE" ? (
            <Button
              id={`keygate-reveal-${key.keyId}`}
              data-testid="keygate-reveal"
              variant="secondary"
              isLoading={busy}
              isDisabled={disabled}
              aria-label={`Reveal the recovery password of ${volume}, key ${shortKeyId(key.keyId)}, on ${device.deviceName}`}
              onClick={() => onReveal(key)}
            >
              Reveal
            </Button>
          ) : (
            <span>No longer revealable here</span>
          )}
        </DataListAction>
      </DataListItemRow>
    </DataListItem>
  );
}
