import { FormEvent, useCallback, useEffect, useRef, useState } from "react";
import {
  ActionGroup,
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  TextArea,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";

import { api, ApiError } from "../api";
import { abilities, userId } from "../auth";
import { campaignMay, singleMatch } from "../campaigns";
import { CampaignProgress } from "../components/CampaignProgress";
import { CampaignsOff, campaignsOff } from "../components/CampaignsOff";
import { ProblemAlert } from "../components/ProblemAlert";
import { useAction, useFetch, useStepUpAction } from "../hooks";
import { withoutKeyPackage } from "../keyPackage";
import { usePages } from "../paging";
import { formatTime } from "../../../shared/format";
import { CAMPAIGN_DEVICE_STATE, CAMPAIGN_STATUS, labelKey } from "../../../shared/labels";
import { RecoveryPassword } from "../../../shared/RecoveryPassword";
import { hasStrings, INTENTS } from "../../../shared/stepUp";
import type { Campaign, CampaignDevice, Revealed } from "../../../shared/types";

/** How often an open campaign's progress is read again while the page is open. */
const REFRESH_MS = 30_000;

/** A decision that waits for the step-up sign-in. */
interface Decision {
  campaignId: string;
  verb: "approve" | "reject";
  reason: string;
}

/** A release that waits for the step-up sign-in: which device, never a key. */
interface Release {
  campaignId: string;
  deviceId: string;
  deviceName: string;
}

/**
 * One campaign (SPEC §14): its ticket and state, the second person's decision, its progress, the devices
 * still waiting, closing it, and the technician's fast path — the key ID's first characters from the
 * recovery screen, Enter (the single match is selected), Enter (its key is revealed). The first reveal of a
 * sign-in may ask for the step-up; every later one while it is fresh goes straight through.
 */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const { t, i18n } = useTranslation();
  const [campaign, setCampaign] = useState<Campaign>();
  const loaded = useFetch(
    useCallback((signal: AbortSignal) => api.campaigns.get(campaignId, signal), [campaignId]),
    setCampaign,
  );
  const { reload } = loaded;
  const waiting = usePages(useCallback((after: string | null) => api.campaigns.devices(campaignId, { state: "WAITING" }, after), [campaignId]));
  const loadWaiting = waiting.load;
  const time = (iso?: string | null) => formatTime(iso, i18n.language);

  const decision = useStepUpAction(
    INTENTS.consoleCampaignDecision,
    (value: unknown): value is Decision =>
      hasStrings(value, "campaignId", "verb", "reason") && value.campaignId === campaignId && (value.verb === "approve" || value.verb === "reject"),
    useCallback((d: Decision) => api.campaigns.decide(d.campaignId, d.verb, d.reason), []),
    reload,
  );
  const [reason, setReason] = useState(decision.resumed?.reason ?? "");

  const [revealed, setRevealed] = useState<Revealed>();
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<CampaignDevice[]>();
  const findField = useRef<HTMLInputElement>(null);
  // Ready for the next device: its key ID is typed straight away (once the field is there, after a step-up).
  const [findNext, setFindNext] = useState(false);
  const released = useCallback(
    (answer: Revealed) => {
      setRevealed(withoutKeyPackage(answer));
      setQuery("");
      setMatches(undefined);
      setFindNext(true);
      reload();
      void loadWaiting();
    },
    [reload, loadWaiting],
  );
  const release = useStepUpAction(
    INTENTS.consoleCampaignReveal,
    (value: unknown): value is Release => hasStrings(value, "campaignId", "deviceId", "deviceName") && value.campaignId === campaignId,
    useCallback((r: Release) => api.keys.reveal(r.deviceId, { campaignId: r.campaignId }), []),
    released,
  );
  const hide = useCallback(() => setRevealed(undefined), []);

  const finding = useAction();
  const selected = singleMatch(matches);
  const revealButton = useRef<HTMLButtonElement>(null);
  const closing = useAction();

  useEffect(() => {
    void loadWaiting();
  }, [loadWaiting]);

  // The progress moves while others release keys and devices rotate.
  const open = campaign?.status === "ACTIVE" || campaign?.status === "PENDING";
  useEffect(() => {
    if (!open) {
      return;
    }
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [open, reload]);

  // A campaign decided, closed or expired meanwhile shows its new state.
  const closedMeanwhile = [release.error, decision.error].some((e) => e instanceof ApiError && e.code === "campaign_closed");
  useEffect(() => {
    if (closedMeanwhile) {
      reload();
    }
  }, [closedMeanwhile, reload]);

  useEffect(() => {
    if (findNext && findField.current) {
      findField.current.focus();
      setFindNext(false);
    }
  }, [findNext, campaign]);

  // The single match is selected: Enter now reveals it.
  useEffect(() => {
    if (selected) {
      revealButton.current?.focus();
    }
  }, [selected]);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    const search = query.trim();
    if (!search) {
      return;
    }
    const page = await finding.run(() => api.campaigns.devices(campaignId, { search }, null));
    setMatches(page?.items);
  };

  const reveal = (device: CampaignDevice) => void release.act({ campaignId, deviceId: device.deviceId, deviceName: device.deviceName });

  const close = async () => {
    if ((await closing.run(() => api.campaigns.close(campaignId).then(() => ({})))) !== undefined) {
      reload();
    }
  };

  const may = campaign ? campaignMay(campaign, userId(), abilities()) : undefined;
  const statusKey = campaign ? labelKey(CAMPAIGN_STATUS, campaign.status) : undefined;
  const stateOf = (device: CampaignDevice) => {
    const key = labelKey(CAMPAIGN_DEVICE_STATE, device.state);
    return key ? t(key) : device.state;
  };

  if (campaignsOff(loaded.error)) {
    return (
      <PageSection>
        <Title headingLevel="h1">{t("bitlockerNavCampaigns")}</Title>
        <CampaignsOff />
      </PageSection>
    );
  }

  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/campaigns">{t("bitlockerNavCampaigns")}</BreadcrumbItem>
        <BreadcrumbItem isActive>{campaign?.ticket.key ?? campaignId}</BreadcrumbItem>
      </Breadcrumb>
      <ProblemAlert error={loaded.error} />
      {!campaign && !loaded.error ? <Spinner aria-label={t("bitlockerLoadingCampaign")} /> : null}
      {campaign && may ? (
        <>
          <Title headingLevel="h1">{t("bitlockerCampaignTitle", { ticket: campaign.ticket.key })}</Title>
          <DescriptionList isHorizontal isCompact aria-label={t("bitlockerCampaignDetails")}>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerStatusLabel")}</DescriptionListTerm>
              <DescriptionListDescription data-testid="campaign-status">{statusKey ? t(statusKey) : campaign.status}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerTicketLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                <a href={campaign.ticket.url} target="_blank" rel="noreferrer noopener">
                  {campaign.ticket.key} ({campaign.ticket.status})
                </a>
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerReason")}</DescriptionListTerm>
              <DescriptionListDescription>{campaign.reason}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerRequestedByLabel")}</DescriptionListTerm>
              <DescriptionListDescription>
                {campaign.requester.username}, {time(campaign.createdAt)}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerDecided")}</DescriptionListTerm>
              <DescriptionListDescription data-testid="campaign-decided-by">{campaign.decidedBy?.username ?? "—"}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("bitlockerExpires")}</DescriptionListTerm>
              <DescriptionListDescription>{time(campaign.expiresAt)}</DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>

          <Title headingLevel="h2" className="pf-v5-u-mt-lg">
            {t("bitlockerCampaignProgress")}
          </Title>
          <CampaignProgress campaign={campaign} />

          {campaign.status === "PENDING" && !may.decide ? (
            <Alert className="pf-v5-u-mt-lg" variant="info" isInline title={t("bitlockerCampaignWaitingForApprover")} />
          ) : null}
          {may.decide ? (
            <Form className="pf-v5-u-mt-lg" aria-label={t("bitlockerCampaignDecide")} onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t("bitlockerDecisionReasonField")} fieldId="campaign-decision-reason">
                <TextArea id="campaign-decision-reason" value={reason} onChange={(_e, v) => setReason(v)} resizeOrientation="vertical" />
              </FormGroup>
              <ActionGroup>
                <Button id="campaign-approve" onClick={() => void decision.act({ campaignId, verb: "approve", reason: reason.trim() })} isDisabled={decision.busy}>
                  {t("bitlockerApprove")}
                </Button>
                <Button
                  id="campaign-reject"
                  variant="danger"
                  onClick={() => void decision.act({ campaignId, verb: "reject", reason: reason.trim() })}
                  isDisabled={decision.busy || !reason.trim()}
                >
                  {t("bitlockerReject")}
                </Button>
              </ActionGroup>
            </Form>
          ) : null}
          <ProblemAlert error={decision.error} />

          {revealed ? <RecoveryPassword key={revealed.auditId} revealed={revealed} onHide={hide} /> : null}

          {may.reveal ? (
            <section aria-labelledby="campaign-find-title" className="pf-v5-u-mt-lg">
              <Title headingLevel="h2" id="campaign-find-title">
                {t("bitlockerCampaignFindTitle")}
              </Title>
              <Form onSubmit={(e) => void find(e)} className="keygate-search">
                <FormGroup label={t("bitlockerCampaignFindLabel")} fieldId="campaign-find">
                  <TextInput
                    id="campaign-find"
                    ref={findField}
                    value={query}
                    onChange={(_e, v) => setQuery(v)}
                    autoComplete="off"
                    spellCheck={false}
                  />
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem>{t("bitlockerCampaignFindHelp")}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                </FormGroup>
                <div>
                  <Button type="submit" variant="secondary" isLoading={finding.busy} isDisabled={finding.busy}>
                    {t("bitlockerSearch")}
                  </Button>
                </div>
              </Form>
              <ProblemAlert error={finding.error} />
              {matches && matches.length === 0 ? <p data-testid="campaign-no-match">{t("bitlockerCampaignNoMatch", { query: query.trim() })}</p> : null}
              {selected ? (
                <div className="keygate-campaign-match" data-testid="campaign-match">
                  <p>
                    {t("bitlockerCampaignMatch", { device: selected.deviceName, state: stateOf(selected) })}
                  </p>
                  <Button id="campaign-reveal" ref={revealButton} onClick={() => reveal(selected)} isLoading={release.busy} isDisabled={release.busy}>
                    {t("bitlockerRevealKeyOf", { device: selected.deviceName })}
                  </Button>
                </div>
              ) : null}
              {matches && matches.length > 1 ? (
                <DeviceTable label={t("bitlockerCampaignMatches")} devices={matches} stateOf={stateOf} onReveal={reveal} busy={release.busy} testId="campaign-matches" />
              ) : null}
              <ProblemAlert error={release.error} />
            </section>
          ) : null}

          <Title headingLevel="h2" className="pf-v5-u-mt-lg" id="campaign-waiting-title">
            {t("bitlockerCampaignWaitingTitle")}
          </Title>
          <ProblemAlert error={waiting.error} />
          {waiting.items && waiting.items.length === 0 ? <p data-testid="campaign-none-waiting">{t("bitlockerCampaignNoneWaiting")}</p> : null}
          {waiting.items && waiting.items.length > 0 ? (
            <DeviceTable
              label={t("bitlockerCampaignWaitingTitle")}
              devices={waiting.items}
              stateOf={stateOf}
              onReveal={may.reveal ? reveal : undefined}
              busy={release.busy}
              testId="campaign-waiting-devices"
            />
          ) : null}
          {waiting.next ? (
            <Button variant="secondary" onClick={() => void waiting.load(waiting.next)} isDisabled={waiting.busy}>
              {t("bitlockerShowMore")}
            </Button>
          ) : null}

          {may.close ? (
            <div className="pf-v5-u-mt-xl">
              <Button id="campaign-close" variant="danger" onClick={() => void close()} isDisabled={closing.busy}>
                {t("bitlockerCampaignClose")}
              </Button>
              <ProblemAlert error={closing.error} />
            </div>
          ) : null}
        </>
      ) : null}
    </PageSection>
  );
}

/** Devices of the campaign, each with its reveal button when the user may reveal. */
function DeviceTable({
  label,
  devices,
  stateOf,
  onReveal,
  busy,
  testId,
}: {
  label: string;
  devices: CampaignDevice[];
  stateOf: (device: CampaignDevice) => string;
  onReveal?: (device: CampaignDevice) => void;
  busy: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table aria-label={label} variant="compact" data-testid={testId}>
      <Thead>
        <Tr>
          <Th>{t("bitlockerDeviceLabel")}</Th>
          <Th>{t("bitlockerDeviceIdLabel")}</Th>
          <Th>{t("bitlockerState")}</Th>
          {onReveal ? <Th screenReaderText={t("bitlockerRevealKey")} /> : null}
        </Tr>
      </Thead>
      <Tbody>
        {devices.map((d) => (
          <Tr key={d.deviceId}>
            <Td dataLabel={t("bitlockerDeviceLabel")}>{d.deviceName}</Td>
            <Td dataLabel={t("bitlockerDeviceIdLabel")}>
              <code>{d.deviceId}</code>
            </Td>
            <Td dataLabel={t("bitlockerState")}>{stateOf(d)}</Td>
            {onReveal ? (
              <Td dataLabel={t("bitlockerRevealKey")}>
                <Button variant="secondary" size="sm" onClick={() => onReveal(d)} isDisabled={busy}>
                  {t("bitlockerRevealKeyOf", { device: d.deviceName })}
                </Button>
              </Td>
            ) : null}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
