package io.keygate.bitlocker.rest;

import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.keygate.bitlocker.problem.DatabaseUnavailable;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/** The one place where a {@link Problem} becomes an HTTP response. */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    public static Response toResponse(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.code().status())
                .type(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(JsonResponses.write(problem.body()));
        if (problem.code() == ProblemCode.AUTHENTICATION_REQUIRED && !problem.headers().containsKey("WWW-Authenticate")) {
            builder.header("WWW-Authenticate", "Bearer");
        }
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    /**
     * Runs a resource method: a refusal anywhere below it is answered as its problem document, and
     * whatever the request had changed is rolled back ("bad input changes nothing").
     */
    public static Response answer(KeycloakSession session, Supplier<Response> work) {
        try {
            return work.get();
        } catch (ProblemException e) {
            session.getTransactionManager().setRollbackOnly();
            return toResponse(e.problem());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            session.getTransactionManager().setRollbackOnly();
            return toResponse(databaseUnavailable(e));
        }
    }

    /** The database out of reach: no release can be audited, so none is made (SPEC §3 step 9); no stack trace. */
    static Problem databaseUnavailable(RuntimeException e) {
        LOG.warnf("Refused while the database cannot be reached: %s", e.toString());
        return DatabaseUnavailable.problem();
    }

    /** For a sub-resource locator, which cannot answer itself: the problem as JAX-RS's exception. */
    public static WebApplicationException asException(ProblemException e) {
        return new WebApplicationException(e.getMessage(), toResponse(e.problem()));
    }
}
