package io.keygate.bitlocker.keysource.ad;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.config.RealmConfigStore;
import io.keygate.bitlocker.keysource.KeySourceUnavailableException;

/**
 * The {@code activeDirectory} section with its bind credential looked up (a vault reference resolved). Never
 * logged as a whole: {@link #toString()} leaves the credential out.
 */
record DirectorySettings(String url, boolean startTls, String ldapComponent, String bindDn, String bindCredential,
        String baseDn, String computerFilter, String ownerAttribute, boolean keyPackages) {

    static DirectorySettings of(RealmConfigStore store, BitLockerConfig config) throws KeySourceUnavailableException {
        BitLockerConfig.ActiveDirectory ad = config.activeDirectory;
        if (ad.url.isBlank() && ad.ldapComponent.isBlank()) {
            throw new KeySourceUnavailableException("The realm's 'activeDirectory' section names neither a 'url' nor an"
                    + " 'ldapComponent'.");
        }
        if (ad.bindDn.isBlank() || ad.baseDn.isBlank()) {
            throw new KeySourceUnavailableException("The realm's 'activeDirectory' section names no 'bindDn' or 'baseDn'.");
        }
        String credential = store.resolveSecret(ad.bindCredential).orElse("");
        if (credential.isEmpty()) {
            throw new KeySourceUnavailableException("The realm's 'activeDirectory' section has no bind credential (or its"
                    + " vault entry is missing).");
        }
        return new DirectorySettings(ad.url.trim(), ad.startTls, ad.ldapComponent.trim(), ad.bindDn.trim(), credential,
                ad.baseDn.trim(), ad.computerFilter.trim(), ad.ownerAttribute.trim(), ad.keyPackages);
    }

    /**
     * What decides which objects and attributes a sync sees — the subtree, the filter, the account, the owner
     * attribute, whether key packages are looked for — as a short digest: a sync after any of them changed reads
     * everything again (a changed account may see more, or less, than the last run did).
     */
    String scope() {
        String seen = String.join("\n", baseDn.toLowerCase(Locale.ROOT), computerFilter, bindDn.toLowerCase(Locale.ROOT),
                ownerAttribute.toLowerCase(Locale.ROOT), Boolean.toString(keyPackages));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seen.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the connection goes, for messages: the URL, or the federation component it borrows. */
    String where() {
        return url.isEmpty() ? "the LDAP federation '" + ldapComponent + "'" : url;
    }

    @Override
    public String toString() {
        return "DirectorySettings[url=" + url + ", startTls=" + startTls + ", ldapComponent=" + ldapComponent + ", bindDn="
                + bindDn + ", baseDn=" + baseDn + ", computerFilter=" + computerFilter + "]";
    }
}
