package io.keygate.bitlocker.model;

/** The outboxes of ticket comments and e-mails; the extension ships a JPA implementation. */
public class OutboxSpi extends ModelSpi {

    public OutboxSpi() {
        super("bitlocker-outbox", OutboxProvider.class, OutboxProviderFactory.class);
    }
}
