import { useCallback, useEffect, useState } from "react";
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

import { getJson } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { RecoveryPassword } from "../components/RecoveryPassword";
import { RevealForm } from "../components/RevealForm";
import { RotateForm } from "../components/RotateForm";
import { Device, ESCROW_STATUSES, formatTime, Revealed, VOLUME_TYPES } from "../model";

/** One device: its keys, escrow status, owner and rotation, and releasing a key. */
export function DevicePage({ deviceId }: { deviceId: string }) {
  const [device, setDevice] = useState<Device>();
  const [error, setError] = useState<unknown>();
  const [revealed, setRevealed] = useState<Revealed>();

  const load = useCallback(async () => {
    try {
      setDevice(await getJson<Device>(`/keys/${encodeURIComponent(deviceId)}`));
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [deviceId]);

  useEffect(() => {
    void load();
  }, [load]);

  const hide = useCallback(() => setRevealed(undefined), []);

  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/">Find a recovery key</BreadcrumbItem>
        <BreadcrumbItem isActive>{device?.deviceName ?? deviceId}</BreadcrumbItem>
      </Breadcrumb>
      <ProblemAlert error={error} />
      {!device && !error ? <Spinner aria-label="Loading the device" /> : null}
      {device ? (
        <>
          <Title headingLevel="h1">{device.deviceName}</Title>
          <DescriptionList isHorizontal isCompact aria-label="Device details">
            <DescriptionListGroup>
              <DescriptionListTerm>Device ID</DescriptionListTerm>
              <DescriptionListDescription>
                <code>{device.deviceId}</code>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Owner</DescriptionListTerm>
              <DescriptionListDescription>
                {device.owner?.username ?? device.owner?.email ?? "No owner in this realm"}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Escrow status</DescriptionListTerm>
              <DescriptionListDescription>
                <Label color={device.escrowStatus === "ESCROWED" ? "green" : device.escrowStatus === "PENDING" ? "blue" : "red"}>
                  {ESCROW_STATUSES[device.escrowStatus]}
                </Label>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Encryption</DescriptionListTerm>
              <DescriptionListDescription>{device.encryption ?? "—"}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Last check-in</DescriptionListTerm>
              <DescriptionListDescription>{formatTime(device.lastCheckIn)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>Rotation</DescriptionListTerm>
              <DescriptionListDescription data-testid="rotation">
                {device.rotation
                  ? `${device.rotation.status}, requested ${formatTime(device.rotation.requestedAt)}`
                  : "None requested"}
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>

          <Title headingLevel="h2" className="pf-v5-u-mt-lg">
            Keys
          </Title>
          <Table aria-label="Recovery keys of this device" variant="compact" data-testid="keys">
            <Thead>
              <Tr>
                <Th>Key ID</Th>
                <Th>Volume</Th>
                <Th>Created</Th>
                <Th>State</Th>
              </Tr>
            </Thead>
            <Tbody>
              {device.keys.map((key) => (
                <Tr key={key.keyId}>
                  <Td dataLabel="Key ID">
                    <code>{key.keyId.toUpperCase()}</code>
                  </Td>
                  <Td dataLabel="Volume">{VOLUME_TYPES[key.volumeType]}</Td>
                  <Td dataLabel="Created">{formatTime(key.createdAt)}</Td>
                  <Td dataLabel="State">{key.state === "ACTIVE" ? "Active" : "Superseded"}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>

          {revealed ? <RecoveryPassword revealed={revealed} onHide={hide} /> : null}
          <RevealForm device={device} onRevealed={setRevealed} />
          <RotateForm device={device} onRequested={load} />
        </>
      ) : null}
    </PageSection>
  );
}
