package io.keygate.bitlocker.keysource.ad;

import java.util.HexFormat;

/**
 * GUIDs as Active Directory stores them: 16 bytes whose first three fields are little-endian (Windows byte order),
 * so {@code objectGUID} and {@code msFVE-RecoveryGuid} read as the GUIDs Windows shows only after reordering.
 */
final class WindowsGuid {

    private static final int[] ORDER = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

    private WindowsGuid() {
    }

    /** The usual lower-case string form; {@code null} for anything but 16 bytes. */
    static String toText(Object value) {
        if (!(value instanceof byte[] bytes) || bytes.length != 16) {
            return null;
        }
        byte[] ordered = new byte[16];
        for (int i = 0; i < 16; i++) {
            ordered[i] = bytes[ORDER[i]];
        }
        String h = HexFormat.of().formatHex(ordered);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }

    /** The bytes of a GUID string in Windows order. */
    static byte[] toBytes(String guid) {
        byte[] plain = HexFormat.of().parseHex(guid.replace("-", ""));
        byte[] ordered = new byte[16];
        for (int i = 0; i < 16; i++) {
            ordered[ORDER[i]] = plain[i];
        }
        return ordered;
    }

    /** An LDAP filter value matching these bytes exactly ({@code \xx} per byte, RFC 4515). */
    static String filterValue(String guid) {
        StringBuilder out = new StringBuilder();
        for (byte b : toBytes(guid)) {
            out.append('\\').append(String.format("%02x", b));
        }
        return out.toString();
    }
}
