package io.keygate.bitlocker.model;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list of models and the cursor of the next ({@code null} on the last); REST converts it.
 * Every list of the API pages the same way: {@code max} from 1 to {@link #MAX_SIZE} (SPEC §3), rows read one
 * past the page so that the extra row, not a count, tells whether a next page exists.
 */
public record ResultPage<T>(List<T> items, String next) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /**
     * @param rows     up to {@code max + 1} rows in the list's order
     * @param cursorOf the {@code next} cursor that continues after a row (the page's last)
     */
    public static <T> ResultPage<T> of(List<T> rows, int max, Function<T, String> cursorOf) {
        if (rows.size() <= max) {
            return new ResultPage<>(rows, null);
        }
        List<T> page = rows.subList(0, max);
        return new ResultPage<>(page, cursorOf.apply(page.get(max - 1)));
    }
}
