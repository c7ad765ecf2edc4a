/** The seed's "when recovery keys are needed" list, offered as the reason of a release. */
export const REASONS = [
  "BIOS/UEFI firmware update",
  "Hardware change (motherboard, TPM)",
  "Too many incorrect PIN attempts",
  "Secure Boot configuration change",
  "Forgotten BitLocker PIN",
  "Drive moved to a different computer",
];

export const OTHER_REASON = "Other";

/** The reason sent to the API: the chosen entry, and the free text after it when given. */
export function reasonText(choice: string, details: string): string | undefined {
  const text = details.trim();
  if (!choice || choice === OTHER_REASON) {
    return text || undefined;
  }
  return text ? `${choice}: ${text}` : choice;
}
