package io.keygate.bitlocker.model;

/** The last entry of a realm's audit chain: where the next one links to. */
public record ChainHead(long seq, String hash) {

    /** The {@code prevHash} of a realm's first entry. */
    public static final String GENESIS = "0".repeat(64);
}
