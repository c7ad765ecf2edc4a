import type { Campaign, Device } from "../../shared/types";

/**
 * The campaign page's logic, pure: reading a pasted list of devices, the preview of what was found, the
 * progress of a campaign and what the signed-in user may do with it (SPEC §14).
 */

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/** A pasted list of devices: the GUIDs among it (lower-case, as the API stores them) and the names. */
export interface DeviceList {
  ids: string[];
  names: string[];
}

/**
 * One device a line or separated by commas — also semicolons and tabs, as spreadsheets and exports copy
 * them. A GUID (with or without braces) is a device ID, anything else a device name (Windows names hold no
 * spaces, but a name is kept as typed inside its line). Each device once, whatever its case.
 */
export function parseDeviceList(text: string): DeviceList {
  const ids = new Set<string>();
  const names = new Map<string, string>();
  for (const raw of text.split(/[\n\r,;\t]+/)) {
    const entry = raw.trim();
    if (!entry) {
      continue;
    }
    const guid = GUID.exec(entry);
    if (guid) {
      ids.add(guid[1].toLowerCase());
    } else if (!names.has(entry.toLowerCase())) {
      names.set(entry.toLowerCase(), entry);
    }
  }
  return { ids: [...ids], names: [...names.values()] };
}

/** A device as the preview lists it. */
export interface FoundDevice {
  deviceId: string;
  deviceName: string;
}

/** What the pasted list turned out to be: the devices found (each once) and the entries nothing answered for. */
export interface Preview {
  found: FoundDevice[];
  notFound: string[];
}

/** One entry of the list and the devices it stands for (none: not found). */
export interface Lookup {
  entry: string;
  devices: FoundDevice[];
}

/**
 * The devices a name stands for among the answers of a name search (`GET /keys?search=` matches name
 * prefixes): those with exactly that name, whatever its case. Two devices with the same name are both meant.
 */
export function devicesNamed(name: string, candidates: Device[]): FoundDevice[] {
  const wanted = name.toLowerCase();
  return candidates
    .filter((d) => d.deviceName.toLowerCase() === wanted)
    .map(({ deviceId, deviceName }) => ({ deviceId, deviceName }));
}

export function previewOf(lookups: Lookup[]): Preview {
  const found = new Map<string, FoundDevice>();
  const notFound: string[] = [];
  for (const { entry, devices } of lookups) {
    if (devices.length === 0) {
      notFound.push(entry);
    }
    for (const device of devices) {
      found.set(device.deviceId.toLowerCase(), device);
    }
  }
  return { found: [...found.values()], notFound };
}

/** The preview once the server named device IDs it does not know (a 400 with `"unknown":[…]`). */
export function withoutUnknown(preview: Preview, unknown: string[]): Preview {
  const gone = new Set(unknown.map((id) => id.toLowerCase()));
  return {
    found: preview.found.filter((d) => !gone.has(d.deviceId.toLowerCase())),
    notFound: [...preview.notFound, ...unknown.filter((id) => !preview.notFound.some((n) => n.toLowerCase() === id.toLowerCase()))],
  };
}

/**
 * Runs `work` for each item, at most `limit` at a time (a pasted list of thousands of devices must not open
 * thousands of requests at once), reporting how many are done. The answers keep the items' order.
 */
export async function eachLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>, onDone?: (done: number) => void): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  let done = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await work(items[index]);
      done += 1;
      onDone?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(limit, 1), items.length) }, worker));
  return results;
}

/** How far a campaign is: its devices, those released, those rotated since (counted in both) and those waiting. */
export interface Progress {
  devices: number;
  revealed: number;
  rotated: number;
  waiting: number;
}

export function progressOf(campaign: Pick<Campaign, "devices" | "revealed" | "rotated">): Progress {
  const devices = Math.max(campaign.devices, 0);
  const revealed = Math.min(Math.max(campaign.revealed, 0), devices);
  const rotated = Math.min(Math.max(campaign.rotated, 0), revealed);
  return { devices, revealed, rotated, waiting: devices - revealed };
}

/** What the signed-in user may do with a campaign; the server decides again. */
export interface CampaignMay {
  decide: boolean;
  close: boolean;
  reveal: boolean;
}

export function campaignMay(
  campaign: Pick<Campaign, "status" | "requester">,
  userId: string,
  may: { approve: boolean; findKeys: boolean },
): CampaignMay {
  const mine = campaign.requester.userId === userId;
  const open = campaign.status === "PENDING" || campaign.status === "ACTIVE";
  return {
    // Never one's own: the second person of the campaign (SPEC §14).
    decide: campaign.status === "PENDING" && may.approve && !mine,
    close: open && (mine || may.approve),
    reveal: campaign.status === "ACTIVE" && may.findKeys,
  };
}

/** The one device a search found, or undefined when it found none or several (then the user picks). */
export function singleMatch<T>(items: T[] | undefined): T | undefined {
  return items?.length === 1 ? items[0] : undefined;
}

/** How a pasted list's entries are looked up: a name among name-prefix matches, an ID as one device. */
export interface DeviceLookups {
  named: (name: string) => Promise<FoundDevice[]>;
  byId: (deviceId: string) => Promise<FoundDevice | undefined>;
}

/** How many look-ups of a pasted list run at once. */
export const LOOKUPS_AT_ONCE = 6;

/** The preview of a pasted list: each name and ID looked up, a few at a time, `onDone` counting them. */
export async function previewList(list: DeviceList, lookups: DeviceLookups, onDone?: (done: number) => void): Promise<Preview> {
  const entries: { entry: string; look: () => Promise<FoundDevice[]> }[] = [
    ...list.names.map((name) => ({ entry: name, look: () => lookups.named(name) })),
    ...list.ids.map((deviceId) => ({
      entry: deviceId,
      look: async () => {
        const found = await lookups.byId(deviceId);
        return found ? [found] : [];
      },
    })),
  ];
  const lookedUp = await eachLimited(entries, LOOKUPS_AT_ONCE, async ({ entry, look }) => ({ entry, devices: await look() }), onDone);
  return previewOf(lookedUp);
}

/** The devices whose name starts with `prefix` among a name search's answers (which match key IDs too for 8+ hex digits). */
export function devicesWithPrefix(prefix: string, candidates: Device[]): FoundDevice[] {
  const wanted = prefix.trim().toLowerCase();
  return candidates
    .filter((d) => d.deviceName.toLowerCase().startsWith(wanted))
    .map(({ deviceId, deviceName }) => ({ deviceId, deviceName }));
}
