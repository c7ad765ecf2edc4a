package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.model.QueryEnum;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/** Validation of query parameters: anything unexpected is a 400, never a silent default. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int pageSize(String max, int defaultSize, int maxSize) {
        if (max == null || max.isEmpty()) {
            return defaultSize;
        }
        try {
            int value = Integer.parseInt(max);
            if (value >= 1 && value <= maxSize) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.of(ProblemCode.INVALID_REQUEST, "'max' must be a whole number from 1 to " + maxSize + ".").exception();
    }

    /** {@link QueryEnum}'s rule, answered as a 400. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        try {
            return QueryEnum.parse(type, value, name);
        } catch (IllegalArgumentException e) {
            throw Problem.of(ProblemCode.INVALID_REQUEST, e.getMessage()).exception();
        }
    }
}
