package io.keygate.bitlocker.rest;

import io.keygate.bitlocker.model.QueryEnum;
import io.keygate.bitlocker.model.ResultPage;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;

/** Validation of query parameters: anything unexpected is a 400, never a silent default. */
public final class QueryParams {

    private QueryParams() {
    }

    /** {@code max} of every list: 1 to {@link ResultPage#MAX_SIZE}, {@link ResultPage#DEFAULT_SIZE} when absent. */
    public static int pageSize(String max) {
        if (max == null || max.isEmpty()) {
            return ResultPage.DEFAULT_SIZE;
        }
        try {
            int value = Integer.parseInt(max);
            if (value >= 1 && value <= ResultPage.MAX_SIZE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.of(ProblemCode.INVALID_REQUEST, "'max' must be a whole number from 1 to " + ResultPage.MAX_SIZE + ".")
                .exception();
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
