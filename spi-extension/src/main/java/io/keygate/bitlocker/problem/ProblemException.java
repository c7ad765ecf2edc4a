package io.keygate.bitlocker.problem;

/** Carries a {@link Problem} up to the REST layer, which answers it as {@code application/problem+json}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.code().code() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
