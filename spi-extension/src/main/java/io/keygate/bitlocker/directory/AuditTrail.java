package io.keygate.bitlocker.directory;

import java.util.function.Consumer;

import io.keygate.bitlocker.audit.AuditCheckpoints;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditCheckpoint;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditFilter;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.model.Transactions;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * The audit log as auditors and admins read it (SPEC §3 {@code GET /keys/audit}, {@code …/verify},
 * {@code …/checkpoint}). The role check lives here, with the other services' (the {@code audit} package
 * itself sits below {@code authz} and knows no caller).
 */
public class AuditTrail {

    private final RequestContext ctx;

    private AuditTrail(RequestContext ctx) {
        this.ctx = ctx;
    }

    /** For a person asking: auditor or admin. */
    public static AuditTrail forCaller(RequestContext ctx) {
        ctx.requireAny(BitLockerRole.AUDITOR, BitLockerRole.ADMIN);
        return new AuditTrail(ctx);
    }

    public ResultPage<AuditEntry> page(AuditFilter filter, int max) {
        return new AuditLog(ctx.session(), ctx.realm()).page(filter, max);
    }

    /**
     * The whole filtered log, for an export: the export is audited (committed) now; the returned
     * reading then runs later, in a session of its own, in batches, so memory does not grow with the log.
     */
    public Export export(AuditFilter filter) {
        AuditLog.appendCommitted(ctx.session(), ctx.realm(), ctx.actor()
                .event(AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS).reason(filter.describe("CSV export")));
        KeycloakSessionFactory factory = ctx.session().getKeycloakSessionFactory();
        String realmId = ctx.realm().getId();
        return each -> Transactions.inRealm(factory, realmId, (s, realm) -> {
            new AuditLog(s, realm).forEach(filter, each);
            return null;
        });
    }

    /** Hands each entry of an export to {@code each}, in the order the log lists them. */
    public interface Export {
        void forEach(Consumer<AuditEntry> each);
    }

    /** The chain up to the head read first; with a checkpoint, also that history up to it was not rewritten. */
    public AuditVerification verify(String checkpoint) {
        AuditVerification verification = new AuditLog(ctx.session(), ctx.realm()).verify();
        if (checkpoint != null && !checkpoint.isEmpty()) {
            verification = verification.with(new AuditCheckpoints(ctx.session(), ctx.realm()).check(checkpoint));
        }
        return verification;
    }

    /** The chain's head signed with the realm's active key (the request itself audited first). */
    public AuditCheckpoint checkpoint() {
        return new AuditCheckpoints(ctx.session(), ctx.realm()).issue(ctx.actor());
    }
}
