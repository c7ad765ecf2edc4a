package io.keygate.bitlocker.model;

import java.util.Arrays;

/**
 * An enum named in a query parameter ({@code status}, {@code action}, {@code outcome}): spelt exactly as SPEC
 * writes it, case included (SPEC §3 input rules). One rule and one message for every list the API filters.
 */
public final class QueryEnum {

    private QueryEnum() {
    }

    /**
     * @return the constant, or {@code null} when the parameter is absent or empty (no filter)
     * @throws IllegalArgumentException with a message safe to show, for any other spelling
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ".");
    }
}
