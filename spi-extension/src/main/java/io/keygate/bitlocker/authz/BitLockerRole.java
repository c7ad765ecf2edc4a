package io.keygate.bitlocker.authz;

/** The realm roles of SPEC §2. */
public enum BitLockerRole {

    HELPDESK("bitlocker-helpdesk", "List and search BitLocker key metadata; reveal keys with a valid incident ticket"),
    ADMIN("bitlocker-admin", "Everything helpdesk may; rotate without a ticket; break-glass reveal; escrow status"),
    AUDITOR("bitlocker-auditor", "Read, export and verify the BitLocker audit log; escrow status; never key material"),
    APPROVER("bitlocker-approver", "See pending BitLocker key release requests; approve or reject those of others; never key material"),
    ESCROW_AGENT("bitlocker-escrow-agent", "Device agent: check in and escrow BitLocker recovery keys");

    private final String roleName;
    private final String description;

    BitLockerRole(String roleName, String description) {
        this.roleName = roleName;
        this.description = description;
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }
}
