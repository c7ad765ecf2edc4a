/** The seed's "when recovery keys are needed" list, offered as the reason of a release (message keys). */
export const REASONS = [
  "bitlockerReasonFirmware",
  "bitlockerReasonHardware",
  "bitlockerReasonPinAttempts",
  "bitlockerReasonSecureBoot",
  "bitlockerReasonForgottenPin",
  "bitlockerReasonMovedDrive",
];

export const OTHER_REASON = "bitlockerReasonOther";

/** The reason sent to the API: the chosen entry (in the user's words), and the free text after it when given. Pure. */
export function reasonText(choice: string, details: string): string | undefined {
  const text = details.trim();
  if (!choice) {
    return text || undefined;
  }
  return text ? `${choice}: ${text}` : choice;
}
