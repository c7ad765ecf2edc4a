import { FormEvent, useCallback, useState } from "react";
import {
  ActionGroup,
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Radio,
  TextArea,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import { api, ApiError, type CampaignBody } from "../api";
import { devicesNamed, devicesWithPrefix, parseDeviceList, previewList, type Preview, withoutUnknown } from "../campaigns";
import { CampaignsOff, campaignsOff } from "../components/CampaignsOff";
import { ProblemAlert } from "../components/ProblemAlert";
import { useAction, useStepUpAction } from "../hooks";
import { go } from "../router";
import { formatNumber } from "../../../shared/format";
import { hasStrings, INTENTS } from "../../../shared/stepUp";
import type { Campaign, Device, Page } from "../../../shared/types";

/** Rows of a preview shown; the rest is counted (a campaign may hold thousands of devices). */
const SHOWN = 100;

/** A name prefix's devices page by page, as many as there are. */
async function everyDevice(prefix: string): Promise<Device[]> {
  const devices: Device[] = [];
  let after: string | null = null;
  do {
    const page: Page<Device> = await api.devices.find(prefix, after, undefined, 500);
    devices.push(...page.items);
    after = page.next;
  } while (after);
  return devices;
}

/** An unknown device ID is a device not found, not a failure of the preview. */
async function deviceById(deviceId: string) {
  try {
    const { deviceName } = await api.devices.get(deviceId);
    return { deviceId, deviceName };
  } catch (e) {
    if (e instanceof ApiError && e.code === "device_not_found") {
      return undefined;
    }
    throw e;
  }
}

const isCampaignBody = (value: unknown): value is CampaignBody =>
  hasStrings(value, "ticket", "reason") &&
  (typeof value.search === "string" || (Array.isArray(value.deviceIds) && value.deviceIds.every((id) => typeof id === "string")));

/**
 * A new campaign (admins, step-up): the major incident's ticket, the reason, and its devices — pasted names
 * or IDs, looked up first so that the preview shows what was found and what not, or a name prefix.
 * Names are resolved to IDs here (`GET /keys?search=<name>`, exact names only) and the campaign is requested
 * with the IDs found; a prefix goes to the server as it is, which matches names the same way.
 */
export function NewCampaignPage() {
  const { t, i18n } = useTranslation();
  const created = useCallback((campaign: Campaign) => go(`/campaigns/${encodeURIComponent(campaign.campaignId)}`), []);
  const create = useStepUpAction(INTENTS.consoleCampaignCreate, isCampaignBody, api.campaigns.create, created);
  // Back from the step-up sign-in, the form as it was sent (sent once more by the hook).
  const [ticket, setTicket] = useState(create.resumed?.ticket ?? "");
  const [reason, setReason] = useState(create.resumed?.reason ?? "");
  const [byPrefix, setByPrefix] = useState(create.resumed?.search !== undefined);
  const [pasted, setPasted] = useState(create.resumed?.deviceIds?.join("\n") ?? "");
  const [prefix, setPrefix] = useState(create.resumed?.search ?? "");
  const [preview, setPreview] = useState<Preview>();
  const [checked, setChecked] = useState(0);
  const looking = useAction();
  const n = (value: number) => formatNumber(value, i18n.language);
  const list = parseDeviceList(pasted);
  const entries = list.ids.length + list.names.length;

  // A change of the devices asks for a new preview.
  const changed = <V,>(set: (value: V) => void) => (value: V) => {
    set(value);
    setPreview(undefined);
  };

  const look = async () => {
    setChecked(0);
    const found = await looking.run(() =>
      byPrefix
        ? everyDevice(prefix.trim()).then((devices) => ({ found: devicesWithPrefix(prefix, devices), notFound: [] }))
        : previewList(
            list,
            { named: async (name) => devicesNamed(name, (await api.devices.find(name, null, undefined, 500)).items), byId: deviceById },
            setChecked,
          ),
    );
    setPreview(found);
  };

  // The server knew some IDs no more (or the list came back from the sign-in unchecked): those are not found.
  const unknown = create.error instanceof ApiError ? create.error.unknown : undefined;
  const shown = preview && unknown?.length ? withoutUnknown(preview, unknown) : preview;
  const error = create.error ?? looking.error;
  const listed = byPrefix ? prefix.trim() !== "" : entries > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!shown) {
      void look();
      return;
    }
    setPreview(shown);
    const body: CampaignBody = byPrefix
      ? { ticket: ticket.trim(), reason: reason.trim(), search: prefix.trim() }
      : { ticket: ticket.trim(), reason: reason.trim(), deviceIds: shown.found.map((d) => d.deviceId) };
    void create.act(body);
  };

  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/campaigns">{t("bitlockerNavCampaigns")}</BreadcrumbItem>
        <BreadcrumbItem isActive>{t("bitlockerCampaignNew")}</BreadcrumbItem>
      </Breadcrumb>
      <Title headingLevel="h1">{t("bitlockerCampaignNew")}</Title>
      <Form onSubmit={submit} aria-label={t("bitlockerCampaignNew")} className="keygate-campaign-form">
        <FormGroup label={t("bitlockerCampaignTicket")} fieldId="campaign-ticket" isRequired>
          <TextInput id="campaign-ticket" value={ticket} onChange={(_e, v) => setTicket(v)} autoComplete="off" spellCheck={false} />
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t("bitlockerCampaignTicketHelp")}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>
        <FormGroup label={t("bitlockerReason")} fieldId="campaign-reason" isRequired>
          <TextArea id="campaign-reason" value={reason} onChange={(_e, v) => setReason(v)} resizeOrientation="vertical" />
        </FormGroup>
        <FormGroup role="radiogroup" label={t("bitlockerCampaignDevices")} fieldId="campaign-by" isInline>
          <Radio id="campaign-by-list" name="campaign-by" label={t("bitlockerCampaignByList")} isChecked={!byPrefix} onChange={() => changed(setByPrefix)(false)} />
          <Radio id="campaign-by-prefix" name="campaign-by" label={t("bitlockerCampaignByPrefix")} isChecked={byPrefix} onChange={() => changed(setByPrefix)(true)} />
        </FormGroup>
        {byPrefix ? (
          <FormGroup label={t("bitlockerCampaignPrefix")} fieldId="campaign-prefix">
            <TextInput id="campaign-prefix" value={prefix} onChange={(_e, v) => changed(setPrefix)(v)} autoComplete="off" spellCheck={false} />
          </FormGroup>
        ) : (
          <FormGroup label={t("bitlockerCampaignList")} fieldId="campaign-devices">
            <TextArea id="campaign-devices" value={pasted} onChange={(_e, v) => changed(setPasted)(v)} resizeOrientation="vertical" rows={8} spellCheck={false} />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t("bitlockerCampaignListHelp", { number: n(entries) })}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        )}
        {looking.busy && !byPrefix ? (
          <p aria-live="polite" data-testid="campaign-checking">
            {t("bitlockerCampaignChecking", { done: n(checked), number: n(entries) })}
          </p>
        ) : null}
        {shown ? (
          <section aria-labelledby="campaign-preview-title" data-testid="campaign-preview">
            <Title headingLevel="h2" id="campaign-preview-title">
              {t("bitlockerCampaignPreview")}
            </Title>
            <p data-testid="campaign-found-count">{t("bitlockerCampaignFoundCount", { number: n(shown.found.length) })}</p>
            {shown.found.length > 0 ? (
              <Table aria-label={t("bitlockerCampaignFound")} variant="compact" data-testid="campaign-found">
                <Thead>
                  <Tr>
                    <Th>{t("bitlockerDeviceLabel")}</Th>
                    <Th>{t("bitlockerDeviceIdLabel")}</Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {shown.found.slice(0, SHOWN).map((d) => (
                    <Tr key={d.deviceId}>
                      <Td dataLabel={t("bitlockerDeviceLabel")}>{d.deviceName}</Td>
                      <Td dataLabel={t("bitlockerDeviceIdLabel")}>
                        <code>{d.deviceId}</code>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            ) : null}
            {shown.found.length > SHOWN ? <p>{t("bitlockerCampaignAndMore", { number: n(shown.found.length - SHOWN) })}</p> : null}
            {shown.notFound.length > 0 ? (
              <Alert variant="warning" isInline title={t("bitlockerCampaignNotFound", { number: n(shown.notFound.length) })} data-testid="campaign-not-found">
                <ul className="keygate-campaign-unknown">
                  {shown.notFound.slice(0, SHOWN).map((entry) => (
                    <li key={entry}>
                      <code>{entry}</code>
                    </li>
                  ))}
                </ul>
                {shown.notFound.length > SHOWN ? <p>{t("bitlockerCampaignAndMore", { number: n(shown.notFound.length - SHOWN) })}</p> : null}
                <p>{t("bitlockerCampaignNotFoundNext")}</p>
              </Alert>
            ) : null}
          </section>
        ) : null}
        {unknown && unknown.length > 0 && !preview ? (
          <Alert variant="warning" isInline title={t("bitlockerCampaignNotFound", { number: n(unknown.length) })} data-testid="campaign-not-found">
            <ul className="keygate-campaign-unknown">
              {unknown.slice(0, SHOWN).map((entry) => (
                <li key={entry}>
                  <code>{entry}</code>
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {campaignsOff(error) ? <CampaignsOff /> : <ProblemAlert error={error} />}
        <ActionGroup>
          {shown && !(unknown?.length && shown.found.length === 0) ? (
            <>
              <Button type="submit" isLoading={create.busy} isDisabled={create.busy || shown.found.length === 0 || !ticket.trim() || !reason.trim()}>
                {t("bitlockerCampaignRequest")}
              </Button>
              <Button variant="secondary" onClick={() => void look()} isDisabled={looking.busy}>
                {t("bitlockerCampaignPreviewAgain")}
              </Button>
            </>
          ) : (
            <Button type="submit" isLoading={looking.busy} isDisabled={looking.busy || !listed}>
              {t("bitlockerCampaignShowPreview")}
            </Button>
          )}
        </ActionGroup>
      </Form>
    </PageSection>
  );
}
