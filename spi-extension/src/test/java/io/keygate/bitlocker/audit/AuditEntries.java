package io.keygate.bitlocker.audit;


/** Test fixture: an audit row with every column filled. */
final class AuditEntries {

    private AuditEntries() {
    }

    static TestEntry full() {
        TestEntry e = new TestEntry();
        e.setId("5b7c1e0a-3f2d-4c6b-9a8e-1d2c3b4a5f60");
        e.setRealmId("realm-1");
        e.setSeq(42);
        e.setTime(1_795_000_000_123L);
        e.setAction("KEY_REVEALED");
        e.setOutcome("SUCCESS");
        e.setCode(null);
        e.setActorUserId("user-1");
        e.setActorUsername("helpdesk.hank");
        e.setClientId("bitlocker-console");
        e.setSource("HELPDESK");
        e.setIpAddress("10.0.0.7");
        e.setUserAgent("Mozilla/5.0");
        e.setDeviceId("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        e.setDeviceName("LAPTOP-042");
        e.setKeyId("1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d");
        e.setTicketSystem("jira");
        e.setTicketKey("IT-123");
        e.setTicketUrl("https://acme.atlassian.net/browse/IT-123");
        e.setTicketStatus("In Progress");
        e.setTicketType("Incident");
        e.setReason("user locked out after BIOS update");
        e.setAcr("2");
        e.setPrevHash(AuditChain.GENESIS);
        e.setHash("ab".repeat(32));
        return e;
    }
}
