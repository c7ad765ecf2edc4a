import { useCallback, useState } from "react";
import {
  Breadcrumb,
  BreadcrumbItem,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  PageSection,
  Spinner,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import { api } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { RevealForm } from "../components/RevealForm";
import { RotateForm } from "../components/RotateForm";
import { useFetch } from "../hooks";
import { formatTime } from "../../../shared/format";
import { ESCROW_STATUS, VOLUME_TYPE } from "../../../shared/labels";
import { RecoveryPassword } from "../../../shared/RecoveryPassword";
import type { Device, Revealed } from "../../../shared/types";

/** One device: its keys, escrow status, owner and rotation, and releasing a key. */
export function DevicePage({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation();
  const [device, setDevice] = useState<Device>();
  const [revealed, setRevealed] = useState<Revealed>();
  const { error, reload } = useFetch(
    useCallback((signal: AbortSignal) => api.devices.get(deviceId, signal), [deviceId]),
    setDevice,
  );
  const time = (iso?: string) => formatTime(iso, i18n.language);

  const hide = useCallback(() => setRevealed(undefined), []);

  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/">{t("bitlockerFindTitle")}</BreadcrumbItem>
        <BreadcrumbItem isActive>{device?.deviceName ?? deviceId}</BreadcrumbItem>
      </Breadcrumb>
      <ProblemAlert error={error} />
      {!device && !error ? <Spinner aria-label={t("bitlockerLoadingDevice")} /> : null}
      {device ? (
        <>
          <Title headingLevel="h1">{device.deviceName}</Title>
          <DescriptionList isHorizontal isCompact aria-label={t("bitlockerDeviceDetails")}>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerDeviceIdLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                <code>{device.deviceId}</code>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerOwnerLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                {device.owner?.username ?? device.owner?.email ?? t("bitlockerNoOwner")}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerEscrowStatus")}</DescriptionListTerm>
              <DescriptionListDescription>
                <Label color={device.escrowStatus === "ESCROWED" ? "green" : device.escrowStatus === "PENDING" ? "blue" : "red"}>
                  {t(ESCROW_STATUS[device.escrowStatus])}
                </Label>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerEncryption")}</DescriptionListTerm>
              <DescriptionListDescription>{device.encryption ?? "—"}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerLastCheckIn")}</DescriptionListTerm>
              <DescriptionListDescription>{time(device.lastCheckIn)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerRotationLabel")}</DescriptionListTerm>
              <DescriptionListDescription data-testid="rotation">
                {device.rotation
                  ? t("bitlockerRotationState", { status: device.rotation.status, time: time(device.rotation.requestedAt) })
                  : t("bitlockerNoRotation")}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>

          <Title headingLevel="h2" className="pf-v5-u-mt-lg">
            {t("bitlockerKeys")}
          </Title>
          <Table aria-label={t("bitlockerKeysOfDevice")} variant="compact" data-testid="keys">
            <Thead>
              <Tr>
                <Th>{t("bitlockerKeyIdLabel")}</Th>
                <Th>{t("bitlockerVolume")}</Th>
                <Th>{t("bitlockerCreated")}</Th>
                <Th>{t("bitlockerState")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {device.keys.map((key) => (
                <Tr key={key.keyId}>
                  <Td dataLabel={t("bitlockerKeyIdLabel")}>
                    <code>{key.keyId.toUpperCase()}</code>
                  </Td>
                  <Td dataLabel={t("bitlockerVolume")}>{t(VOLUME_TYPE[key.volumeType])}</Td>
                  <Td dataLabel={t("bitlockerCreated")}>{time(key.createdAt)}</Td>
                  <Td dataLabel={t("bitlockerState")}>{t(key.state === "ACTIVE" ? "bitlockerKeyActive" : "bitlockerKeySuperseded")}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>

          {revealed ? <RecoveryPassword revealed={revealed} onHide={hide} /> : null}
          <RevealForm device={device} onRevealed={setRevealed} />
          <RotateForm device={device} onRequested={reload} />
        </>
      ) : null}
    </PageSection>
  );
}
