package io.keygate.bitlocker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** Every list pages the same way: rows read one past the page; the extra row, not a count, says there is more. */
class ResultPageTest {

    @Test
    void rowsThatFitArePageWithoutNext() {
        assertThat(ResultPage.of(List.of("a", "b"), 2, last -> "after-" + last))
                .isEqualTo(new ResultPage<>(List.of("a", "b"), null));
        assertThat(ResultPage.of(List.<String>of(), 2, last -> "after-" + last)).isEqualTo(new ResultPage<>(List.of(), null));
    }

    @Test
    void theExtraRowIsLeftOutAndTheCursorContinuesAfterThePagesLast() {
        assertThat(ResultPage.of(List.of("a", "b", "c"), 2, last -> "after-" + last))
                .isEqualTo(new ResultPage<>(List.of("a", "b"), "after-b"));
    }

    @Test
    void anAbsentAfterIsTheFirstPage() {
        assertThat(PageCursor.after(null, c -> true)).isNull();
        assertThat(PageCursor.after("", c -> true)).isNull();
    }

    @Test
    void ourCursorComesBack() {
        PageCursor cursor = new PageCursor("1790000000000", "id-1");
        assertThat(PageCursor.after(cursor.encode(), c -> c.first().matches("\\d+"))).isEqualTo(cursor);
    }

    @Test
    void aForeignOrImplausibleCursorIsA400() {
        assertThatThrownBy(() -> PageCursor.after("%%%", c -> true)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().code()).isEqualTo(ProblemCode.INVALID_REQUEST));
        String notNumeric = new PageCursor("name", "id-1").encode();
        assertThatThrownBy(() -> PageCursor.after(notNumeric, c -> c.first().matches("\\d+")))
                .isInstanceOf(ProblemException.class).hasMessageContaining(PageCursor.NOT_OURS);
    }
}
