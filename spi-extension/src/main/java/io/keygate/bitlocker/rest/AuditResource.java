package io.keygate.bitlocker.rest;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.keygate.bitlocker.audit.AuditCsv;
import io.keygate.bitlocker.authz.RequestContext;
import io.keygate.bitlocker.directory.AuditTrail;
import io.keygate.bitlocker.model.AuditFilter;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.representation.Converters;

/** {@code /keys/audit}: read, export (CSV, streamed) and verify the audit log. Auditors and admins ({@link AuditTrail}). */
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
            AuditTrail trail = AuditTrail.forCaller(ctx);
            AuditFilter filter;
            try {
                filter = AuditFilter.parse(deviceId, actor, action, outcome, ticket, from, to, after);
            } catch (IllegalArgumentException e) {
                throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
            }
            if (accept != null && accept.contains(CSV)) {
                return csv(trail.export(filter));
            }
            return JsonResponses.ok(Converters.page(trail.page(filter, QueryParams.pageSize(max)), Converters::toRepresentation));
        });
    }

    /** The export as CSV, written while it is read. */
    private static Response csv(AuditTrail.Export export) {
        StreamingOutput stream = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            writer.write(AuditCsv.HEADER);
            export.forEach(e -> {
                try {
                    writer.write(AuditCsv.row(e));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
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
        return ProblemResponses.answer(ctx.session(),
                () -> JsonResponses.ok(Converters.toRepresentation(AuditTrail.forCaller(ctx).verify(checkpoint))));
    }

    /** The chain's head signed with the realm's active key: keep it outside the database. */
    @GET
    @Path("checkpoint")
    public Response checkpoint() {
        return ProblemResponses.answer(ctx.session(),
                () -> JsonResponses.noStore(Converters.toRepresentation(AuditTrail.forCaller(ctx).checkpoint())));
    }
}
