package io.keygate.bitlocker.model;

import java.util.List;

/** One page of a list of models and the cursor of the next ({@code null} on the last); REST converts it. */
public record ResultPage<T>(List<T> items, String next) {
}
