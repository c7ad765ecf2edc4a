package io.keygate.bitlocker.keysource.ad;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.SearchResult;

/**
 * One {@code msFVE-RecoveryInformation} object, the backup Group Policy writes under a computer: its key's GUID,
 * the volume's GUID, and the time in its name ({@code <time with offset>{<key GUID>}}). Never the password: the
 * sync does not ask for it.
 *
 * @param parentDn the computer's DN, lower-case (the key of the sync's map)
 */
record RecoveryObject(String dn, String parentDn, String keyId, String volumeGuid, long createdAt) {

    static final String CLASS = "msFVE-RecoveryInformation";
    static final String RECOVERY_GUID = "msFVE-RecoveryGuid";
    static final String VOLUME_GUID = "msFVE-VolumeGuid";
    static final String RECOVERY_PASSWORD = "msFVE-RecoveryPassword";
    /** Read only when a key package is asked for and the source's {@code keyPackages} is on (SPEC §3, §9). */
    static final String KEY_PACKAGE = "msFVE-KeyPackage";
    /** What the sync reads of each recovery object. */
    static final String[] ATTRIBUTES = {"cn", RECOVERY_GUID, VOLUME_GUID, "whenCreated"};

    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    /** The object as read; {@code null} when it has no usable key GUID. */
    static RecoveryObject of(SearchResult result) throws NamingException {
        Attributes attrs = result.getAttributes();
        String keyId = WindowsGuid.toText(value(attrs.get(RECOVERY_GUID)));
        if (keyId == null) {
            return null;
        }
        String dn = result.getNameInNamespace();
        String volume = WindowsGuid.toText(value(attrs.get(VOLUME_GUID)));
        String cn = (String) value(attrs.get("cn"));
        Long created = createdAt(cn);
        if (created == null) {
            created = whenCreated((String) value(attrs.get("whenCreated")));
        }
        return new RecoveryObject(dn, parentOf(dn), keyId, volume == null ? keyId : volume, created == null ? 0L : created);
    }

    /** The instant in the object's name ({@code 2026-12-01T02:00:00-08:00{…}}); {@code null} if it has none. */
    static Long createdAt(String name) {
        if (name == null || name.indexOf('{') < 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(name.substring(0, name.indexOf('{'))).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Long whenCreated(String generalized) {
        if (generalized == null || generalized.length() < 14) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(generalized.substring(0, 14), GENERALIZED).toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The DN one level up, lower-case; DNs are compared without case, as AD does. */
    static String parentOf(String dn) {
        int i = 0;
        while (i < dn.length()) {
            char c = dn.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == ',') {
                return dn.substring(i + 1).toLowerCase(Locale.ROOT);
            }
            i++;
        }
        return "";
    }

    static Object value(Attribute attribute) throws NamingException {
        return attribute == null || attribute.size() == 0 ? null : attribute.get();
    }
}
