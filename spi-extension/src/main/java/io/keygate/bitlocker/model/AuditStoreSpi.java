package io.keygate.bitlocker.model;

/** The storage of the audit log and its hash chain; the extension ships a JPA implementation. */
public class AuditStoreSpi extends ModelSpi {

    public AuditStoreSpi() {
        super("bitlocker-audit-store", AuditStoreProvider.class, AuditStoreProviderFactory.class);
    }
}
