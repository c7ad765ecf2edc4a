package io.keygate.bitlocker.ticketing.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} header of RFC 9110 §10.2.3: delay-seconds or an HTTP-date. The one reading of it
 * for all our outgoing clients: the ticketing systems here, Microsoft Graph in the Entra key source.
 */
public final class RetryAfter {

    /** Longer than any retry budget; stands in for absurd values instead of overflowing. */
    private static final Duration FOREVER = Duration.ofDays(1);

    private RetryAfter() {
    }

    /** @return how long to wait from {@code now}, or empty when the header is absent or unreadable */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            if (text.length() > 9) {
                return Optional.of(FOREVER);
            }
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
