package io.keygate.bitlocker.model;

/** Where a remote key source's metadata sync keeps its progress and staged pages; the extension ships a JPA implementation. */
public class SyncStateSpi extends ModelSpi {

    public SyncStateSpi() {
        super("bitlocker-sync-state", SyncStateProvider.class, SyncStateProviderFactory.class);
    }
}
