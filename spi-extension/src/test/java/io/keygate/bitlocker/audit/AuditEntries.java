package io.keygate.bitlocker.audit;


/** Test fixture: an audit row with every column filled. */
final class AuditEntries {

    private AuditEntries() {
    }

    static TestEntry full() {
        TestEntry e = new TestEntry();
        e.set("id", "5b7c1e0a-3f2d-4c6b-9a8e-1d2c3b4a5f60");
        e.set("realmId", "realm-1");
        e.set("seq", 42);
        e.set("time", 1_795_000_000_123L);
        e.set("action", "KEY_REVEALED");
        e.set("outcome", "SUCCESS");
        e.set("code", null);
        e.set("actorUserId", "user-1");
        e.set("actorUsername", "helpdesk.hank");
        e.set("clientId", "bitlocker-console");
        e.set("source", "HELPDESK");
        e.set("ipAddress", "10.0.0.7");
        e.set("userAgent", "Mozilla/5.0");
        e.set("deviceId", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        e.set("deviceName", "LAPTOP-042");
        e.set("keyId", "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
        e.set("ticketSystem", "jira");
        e.set("ticketKey", "IT-123");
        e.set("ticketUrl", "https://acme.atlassian.net/browse/IT-123");
        e.set("ticketStatus", "In Progress");
        e.set("ticketType", "Incident");
        e.set("reason", "user locked out after BIOS update");
        e.set("acr", "2");
        e.set("prevHash", AuditChain.GENESIS);
        e.set("hash", "ab".repeat(32));
        return e;
    }
}
