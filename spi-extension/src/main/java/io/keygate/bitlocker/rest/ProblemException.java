package io.keygate.bitlocker.rest;

import jakarta.ws.rs.WebApplicationException;

/** Carries a {@link Problem} out of a resource; JAX-RS sends its response as it is. */
public class ProblemException extends WebApplicationException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), problem.toResponse());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
