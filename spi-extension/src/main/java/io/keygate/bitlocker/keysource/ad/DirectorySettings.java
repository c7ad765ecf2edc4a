package io.keygate.bitlocker.keysource.ad;

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
