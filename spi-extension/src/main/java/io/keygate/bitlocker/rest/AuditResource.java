package io.keygate.bitlocker.rest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.keygate.bitlocker.audit.AuditCheckpoints;
import io.keygate.bitlocker.audit.AuditCsv;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.AuditEntry;
import io.keygate.bitlocker.model.AuditFilter;
import io.keygate.bitlocker.model.AuditOutcome;
import io.keygate.bitlocker.model.AuditVerification;
import io.keygate.bitlocker.model.Transactions;
import io.keygate.bitlocker.directory.DeviceDirectory;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.representation.Converters;
import io.keygate.bitlocker.representation.Page;

/** {@code /keys/audit}: read, export (CSV, streamed) and verify the audit log. Auditors and admins. */
public class AuditResource {

    public static final String CSV = "text/csv";

    private final RequestContext ctx;

    public AuditResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    @GET
    public Response list(@QueryParam("deviceId") String deviceId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("outcome") String outcome,
            @QueryParam("ticket") String ticket, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("max") String max, @QueryParam("after") String after,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return ProblemResponses.answer(ctx.session(), () -> {
            ctx.requireAny(BitLockerRole.AUDITOR, BitLockerRole.ADMIN);
            AuditFilter filter;
            try {
                filter = AuditFilter.parse(deviceId, actor, action, outcome, ticket, from, to, after);
            } catch (IllegalArgumentException e) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
            }
            if (accept != null && accept.contains(CSV)) {
                return export(filter);
            }
            int pageSize = QueryParams.pageSize(max, DeviceDirectory.DEFAULT_PAGE, DeviceDirectory.MAX_PAGE);
            List<AuditEntry> rows = new AuditLog(ctx.session(), ctx.realm()).page(filter, pageSize);
            boolean more = rows.size() > pageSize;
            List<AuditEntry> page = more ? rows.subList(0, pageSize) : rows;
            return JsonResponses.ok(new Page<>(page.stream().map(Converters::toRepresentation).toList(),
                    more ? Long.toString(page.get(page.size() - 1).seq()) : null));
        });
    }

    /**
     * The whole filtered log as CSV. The export is audited first; rows are then streamed from a
     * session of their own in batches, so memory does not grow with the log.
     */
    private Response export(AuditFilter filter) {
        AuditLog.appendCommitted(ctx.session(), ctx.realm(), ctx.actor()
                .event(AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS).reason(filter.describe("CSV export")));
        String realmId = ctx.realm().getId();
        StreamingOutput stream = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            writer.write(AuditCsv.HEADER);
            Transactions.inRealm(ctx.session().getKeycloakSessionFactory(), realmId, (s, realm) -> {
                new AuditLog(s, realm).forEach(filter, e -> {
                    try {
                        writer.write(AuditCsv.row(e));
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
                return null;
            });
            writer.flush();
        };
        return Response.ok(stream, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"bitlocker-audit.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    /** The chain up to the head read first; with {@code checkpoint}, also that history up to it was not rewritten. */
    @GET
    @Path("verify")
    public Response verify(@QueryParam("checkpoint") String checkpoint) {
        return ProblemResponses.answer(ctx.session(), () -> {
            ctx.requireAny(BitLockerRole.AUDITOR, BitLockerRole.ADMIN);
            AuditVerification verification = new AuditLog(ctx.session(), ctx.realm()).verify();
            if (checkpoint != null && !checkpoint.isEmpty()) {
                verification = verification.with(new AuditCheckpoints(ctx.session(), ctx.realm()).check(checkpoint));
            }
            return JsonResponses.ok(Converters.toRepresentation(verification));
        });
    }

    /** The chain's head signed with the realm's active key: keep it outside the database. */
    @GET
    @Path("checkpoint")
    public Response checkpoint() {
        return ProblemResponses.answer(ctx.session(), () -> {
            ctx.requireAny(BitLockerRole.AUDITOR, BitLockerRole.ADMIN);
            return JsonResponses.noStore(Converters.toRepresentation(new AuditCheckpoints(ctx.session(), ctx.realm()).issue(ctx.actor())));
        });
    }
}
