package io.keygate.bitlocker.rest;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.keygate.bitlocker.audit.AuditAction;
import io.keygate.bitlocker.audit.AuditCsv;
import io.keygate.bitlocker.audit.AuditFilter;
import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.audit.AuditOutcome;
import io.keygate.bitlocker.audit.AuditQuery;
import io.keygate.bitlocker.audit.AuditVerification;
import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.jpa.AuditEntryEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/** {@code /keys/audit}: read, export (CSV, streamed) and verify the audit log. Auditors and admins. */
public class AuditResource {

    public static final String CSV = "text/csv";

    private final RequestContext ctx;

    public AuditResource(RequestContext ctx) {
        this.ctx = ctx;
    }

    private EntityManager em() {
        return ctx.session().getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @GET
    @Produces({"application/json", CSV})
    public Response list(@QueryParam("deviceId") String deviceId, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("outcome") String outcome,
            @QueryParam("ticket") String ticket, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("max") String max, @QueryParam("after") String after,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
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
        int pageSize = QueryParams.pageSize(max, KeysResource.DEFAULT_PAGE, KeysResource.MAX_PAGE);
        List<AuditEntryEntity> rows = new AuditQuery(em(), ctx.realm().getId()).page(filter, pageSize);
        boolean more = rows.size() > pageSize;
        List<AuditEntryEntity> page = more ? rows.subList(0, pageSize) : rows;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.stream().map(AuditQuery::representation).toList());
        body.put("next", more ? Long.toString(page.get(page.size() - 1).getSeq()) : null);
        return JsonResponses.ok(body);
    }

    /**
     * The whole filtered log as CSV. The export is audited first; rows are then streamed from a
     * session of their own in batches, so memory does not grow with the log.
     */
    private Response export(AuditFilter filter) {
        AuditLog.appendCommitted(ctx.session(), ctx.realm(), ctx.actor()
                .event(AuditAction.AUDIT_EXPORTED, AuditOutcome.SUCCESS).reason(describe(filter)));
        KeycloakSessionFactory factory = ctx.session().getKeycloakSessionFactory();
        String realmId = ctx.realm().getId();
        StreamingOutput stream = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            writer.write(AuditCsv.HEADER);
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                new AuditQuery(em, realmId).forEach(filter, e -> {
                    try {
                        writer.write(AuditCsv.row(e));
                    } catch (java.io.IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
            });
            writer.flush();
        };
        return Response.ok(stream, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"bitlocker-audit.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    private static String describe(AuditFilter f) {
        StringBuilder sb = new StringBuilder("CSV export");
        if (f.deviceId() != null) sb.append(" deviceId=").append(f.deviceId());
        if (f.actor() != null) sb.append(" actor=").append(f.actor());
        if (f.action() != null) sb.append(" action=").append(f.action());
        if (f.outcome() != null) sb.append(" outcome=").append(f.outcome());
        if (f.ticket() != null) sb.append(" ticket=").append(f.ticket());
        if (f.fromMillis() != null) sb.append(" from=").append(java.time.Instant.ofEpochMilli(f.fromMillis()));
        if (f.toMillis() != null) sb.append(" to=").append(java.time.Instant.ofEpochMilli(f.toMillis()));
        return sb.toString();
    }

    @GET
    @Path("verify")
    @Produces("application/json")
    public Response verify() {
        ctx.requireAny(BitLockerRole.AUDITOR, BitLockerRole.ADMIN);
        AuditVerification v = new AuditLog(ctx.session(), ctx.realm()).verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", v.valid());
        body.put("entries", v.entries());
        body.put("brokenAt", v.brokenAt());
        return JsonResponses.ok(body);
    }
}
