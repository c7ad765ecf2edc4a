package io.keygate.bitlocker.forwarding;

import java.io.IOException;
import java.util.List;
import java.util.function.LongConsumer;

import io.keygate.bitlocker.model.AuditEntry;

/** Where a realm's audit log is forwarded (SPEC §12): a SIEM's syslog or webhook receiver. */
interface AuditSink {

    /** The sink's name in the configuration and in its cursor: {@code syslog}, {@code webhook}. */
    String id();

    /** Where it sends to, for the operator (host and port, or the URL without its query). */
    String describe();

    /**
     * Sends the entries in order; {@code delivered} hears the {@code seq} of each entry the receiver has taken
     * (after which it must not be sent again). Stops at the first failure.
     */
    void deliver(String realmName, List<AuditEntry> entries, LongConsumer delivered) throws IOException;
}
