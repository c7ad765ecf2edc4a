import { FormEvent, useEffect, useState } from "react";
import {
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";

import { getJson } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { Device, ESCROW_STATUSES, Page } from "../model";
import { usePages } from "../paging";

/** Finding a key the MBAM way: the first 8 characters of the key ID on the recovery screen, or a device name. */
export function FindPage() {
  const [query, setQuery] = useState(() => new URLSearchParams(window.location.hash.split("?")[1]).get("q") ?? "");
  const { items: results, next, error, busy, load } = usePages<Device>((after) => {
    const params = new URLSearchParams({ max: "50" });
    if (query.trim()) {
      params.set("search", query.trim());
    }
    if (after) {
      params.set("after", after);
    }
    return getJson<Page<Device>>(`/keys?${params}`);
  });

  useEffect(() => {
    if (query) {
      void load();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.history.replaceState(null, "", `#/?q=${encodeURIComponent(query.trim())}`);
    void load();
  };

  return (
    <PageSection>
      <Title headingLevel="h1">Find a recovery key</Title>
      <Form onSubmit={submit} className="keygate-search">
        <FormGroup label="Key ID or device name" fieldId="search">
          <TextInput
            id="search"
            name="search"
            value={query}
            onChange={(_e, value) => setQuery(value)}
            autoComplete="off"
            spellCheck={false}
          />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>
                Type the first 8 characters of the key ID shown on the BitLocker recovery screen, or the start of the
                device name.
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <div>
          <Button type="submit" isLoading={busy} isDisabled={busy}>
            Search
          </Button>
        </div>
      </Form>
      <ProblemAlert error={error} />
      {results ? (
        results.length === 0 ? (
          <p data-testid="no-results">No device or key matches “{query}”.</p>
        ) : (
          <Table aria-label="Devices found" variant="compact" data-testid="results">
            <Thead>
              <Tr>
                <Th>Device</Th>
                <Th>Owner</Th>
                <Th>Escrow status</Th>
                <Th>Key IDs</Th>
              </Tr>
            </Thead>
            <Tbody>
              {results.map((device) => (
                <Tr key={device.deviceId}>
                  <Td dataLabel="Device">
                    <a href={`#/devices/${encodeURIComponent(device.deviceId)}`}>{device.deviceName}</a>
                  </Td>
                  <Td dataLabel="Owner">{device.owner?.username ?? device.owner?.email ?? "—"}</Td>
                  <Td dataLabel="Escrow status">{ESCROW_STATUSES[device.escrowStatus]}</Td>
                  <Td dataLabel="Key IDs">
                    {device.keys
                      .filter((k) => k.state === "ACTIVE")
                      .map((k) => (
                        <code key={k.keyId} className="keygate-keyid">
                          {k.keyId.slice(0, 8).toUpperCase()}
                        </code>
                      ))}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )
      ) : null}
      {next ? (
        <Button variant="secondary" onClick={() => void load(next)} isDisabled={busy}>
          Show more
        </Button>
      ) : null}
    </PageSection>
  );
}
