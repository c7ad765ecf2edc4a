import { FormEvent, useCallback, useEffect, useState } from "react";
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
import { useTranslation } from "react-i18next";

import { api } from "../api";
import { ProblemAlert } from "../components/ProblemAlert";
import { usePages } from "../paging";
import { shortKeyId } from "../../../shared/format";
import { ESCROW_STATUS } from "../../../shared/labels";

/** The search in the address (`#/?q=…`), so that a search can be bookmarked and survives a reload. */
function searchInAddress(): string {
  return new URLSearchParams(window.location.hash.split("?")[1]).get("q") ?? "";
}

/** Finding a key the MBAM way: the first 8 characters of the key ID on the recovery screen, or a device name. */
export function FindPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState(searchInAddress);
  // The search that was sent, apart from what is being typed: "Show more" continues it.
  const [sent, setSent] = useState(searchInAddress);
  const find = useCallback((after: string | null) => api.devices.find(sent, after), [sent]);
  const { items: results, next, error, busy, load } = usePages(find);

  useEffect(() => {
    if (sent) {
      void load();
    }
  }, [sent, load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.history.replaceState(null, "", `#/?q=${encodeURIComponent(query.trim())}`);
    if (query.trim() === sent) {
      void load();
    } else {
      setSent(query.trim());
    }
  };

  return (
    <PageSection>
      <Title headingLevel="h1">{t("bitlockerFindTitle")}</Title>
      <Form onSubmit={submit} className="keygate-search">
        <FormGroup label={t("bitlockerFindLabel")} fieldId="search">
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
              <HelperTextItem>{t("bitlockerFindHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <div>
          <Button type="submit" isLoading={busy} isDisabled={busy}>
            {t("bitlockerSearch")}
          </Button>
        </div>
      </Form>
      <ProblemAlert error={error} />
      {results ? (
        results.length === 0 ? (
          <p data-testid="no-results">{t("bitlockerNoMatch", { query: sent })}</p>
        ) : (
          <Table aria-label={t("bitlockerDevicesFound")} variant="compact" data-testid="results">
            <Thead>
              <Tr>
                <Th>{t("bitlockerDeviceLabel")}</Th>
                <Th>{t("bitlockerOwnerLabel")}</Th>
                <Th>{t("bitlockerEscrowStatus")}</Th>
                <Th>{t("bitlockerKeyIds")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {results.map((device) => (
                <Tr key={device.deviceId}>
                  <Td dataLabel={t("bitlockerDeviceLabel")}>
                    <a href={`#/devices/${encodeURIComponent(device.deviceId)}`}>{device.deviceName}</a>
                  </Td>
                  <Td dataLabel={t("bitlockerOwnerLabel")}>{device.owner?.username ?? device.owner?.email ?? "—"}</Td>
                  <Td dataLabel={t("bitlockerEscrowStatus")}>{t(ESCROW_STATUS[device.escrowStatus])}</Td>
                  <Td dataLabel={t("bitlockerKeyIds")}>
                    {device.keys
                      .filter((k) => k.state === "ACTIVE")
                      .map((k) => (
                        <code key={k.keyId} className="keygate-keyid">
                          {shortKeyId(k.keyId)}
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
          {t("bitlockerShowMore")}
        </Button>
      ) : null}
    </PageSection>
  );
}
