package io.keygate.bitlocker.ticketing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules a fetched ticket must pass, in SPEC §6's order: exists, right type, open, names the device.
 * Pure logic; the reuse limit needs the audit log and is checked by the caller.
 */
public record TicketPolicy(List<String> incidentTypes, boolean requireDeviceReference) {

    public TicketVerdict evaluate(Optional<Ticket> found, String deviceId, String deviceName) {
        if (found.isEmpty()) {
            return TicketVerdict.TICKET_NOT_FOUND;
        }
        Ticket ticket = found.get();
        boolean typeAllowed = ticket.type() != null
                && incidentTypes.stream().anyMatch(t -> t.equalsIgnoreCase(ticket.type()));
        if (!typeAllowed) {
            return TicketVerdict.TICKET_WRONG_TYPE;
        }
        if (!ticket.open()) {
            return TicketVerdict.TICKET_NOT_OPEN;
        }
        if (requireDeviceReference && !namesDevice(ticket, deviceId, deviceName)) {
            return TicketVerdict.TICKET_DEVICE_MISMATCH;
        }
        return TicketVerdict.ACCEPTED;
    }

    /** A device is named when its name (as a whole word) or its GUID appears in a reference text. */
    static boolean namesDevice(Ticket ticket, String deviceId, String deviceName) {
        String id = deviceId == null ? null : deviceId.toLowerCase(Locale.ROOT);
        String name = deviceName == null || deviceName.isBlank() ? null : deviceName.toLowerCase(Locale.ROOT);
        for (String reference : ticket.references()) {
            if (reference == null) {
                continue;
            }
            String text = reference.toLowerCase(Locale.ROOT);
            if (id != null && text.contains(id)) {
                return true;
            }
            if (name != null && containsWord(text, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsWord(String text, String word) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            boolean startOk = at == 0 || !isNameChar(text.charAt(at - 1));
            boolean endOk = end == text.length() || !isNameChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }
}
