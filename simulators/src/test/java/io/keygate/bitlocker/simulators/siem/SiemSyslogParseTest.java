package io.keygate.bitlocker.simulators.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiemSyslogParseTest {

    @Test
    void parsesHeaderStructuredDataAndMessage() {
        String raw = "<86>1 2024-05-01T12:34:56.789Z kc-1.example.org keygate 4242 KEY_REVEALED "
                + "[keygate@32473 user=\"alice\" device=\"PC-0042\"] Recovery key shown";
        SyslogMessage message = SyslogReceiver.parse(raw);

        assertThat(message.facility()).isEqualTo(10); // authpriv
        assertThat(message.severity()).isEqualTo(6); // informational
        assertThat(message.pri()).isEqualTo(86);
        assertThat(message.version()).isEqualTo(1);
        assertThat(message.timestamp()).isEqualTo("2024-05-01T12:34:56.789Z");
        assertThat(message.hostname()).isEqualTo("kc-1.example.org");
        assertThat(message.appName()).isEqualTo("keygate");
        assertThat(message.procId()).isEqualTo("4242");
        assertThat(message.msgId()).isEqualTo("KEY_REVEALED");
        assertThat(message.structuredData()).containsOnlyKeys("keygate@32473");
        assertThat(message.sd("keygate@32473")).containsExactly(
                entry("user", "alice"),
                entry("device", "PC-0042"));
        assertThat(message.msg()).isEqualTo("Recovery key shown");
        assertThat(message.raw()).isEqualTo(raw);
    }

    @Test
    void resolvesEscapesInParamValues() {
        SyslogMessage message = SyslogReceiver.parse(
                "<13>1 - - - - - [x@1 q=\"say \\\"hi\\\"\" path=\"C:\\\\Users\\\\bob\" br=\"a\\]b\" other=\"\\n stays\" "
                        + "empty=\"\"]");

        assertThat(message.param("x@1", "q")).isEqualTo("say \"hi\"");
        assertThat(message.param("x@1", "path")).isEqualTo("C:\\Users\\bob");
        assertThat(message.param("x@1", "br")).isEqualTo("a]b");
        assertThat(message.param("x@1", "other")).isEqualTo("\\n stays"); // not an escape: the backslash stays
        assertThat(message.param("x@1", "empty")).isEmpty();
        assertThat(message.msg()).isNull();
    }

    @Test
    void nilStructuredDataAndNilHeaderFields() {
        SyslogMessage message = SyslogReceiver.parse("<0>1 - - - - - - hello world");

        assertThat(message.facility()).isZero();
        assertThat(message.severity()).isZero();
        assertThat(message.timestamp()).isEqualTo("-");
        assertThat(message.hostname()).isEqualTo("-");
        assertThat(message.appName()).isEqualTo("-");
        assertThat(message.procId()).isEqualTo("-");
        assertThat(message.msgId()).isEqualTo("-");
        assertThat(message.structuredData()).isEmpty();
        assertThat(message.msg()).isEqualTo("hello world");
    }

    @Test
    void multipleSdElementsKeepTheirOrder() {
        SyslogMessage message = SyslogReceiver.parse("<165>1 2003-10-11T22:14:15.003+02:00 mymachine evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]"
                + "[origin]");

        assertThat(message.structuredData().keySet()).containsExactly("exampleSDID@32473", "examplePriority@32473",
                "origin");
        assertThat(message.sd("exampleSDID@32473").keySet()).containsExactly("iut", "eventSource", "eventID");
        assertThat(message.param("examplePriority@32473", "class")).isEqualTo("high");
        assertThat(message.sd("origin")).isEmpty();
        assertThat(message.msg()).isNull();
        assertThat(message.facility()).isEqualTo(20);
        assertThat(message.severity()).isEqualTo(5);
    }

    @Test
    void noMessageAfterNilStructuredData() {
        SyslogMessage message = SyslogReceiver.parse("<14>1 2024-01-01T00:00:00Z host app - - -");

        assertThat(message.structuredData()).isEmpty();
        assertThat(message.msg()).isNull();
    }

    @Test
    void stripsTheBomAndKeepsUtf8() {
        SyslogMessage message = SyslogReceiver.parse("<14>1 - h a - - - \uFEFFGrüße, ключ ✓");

        assertThat(message.msg()).isEqualTo("Grüße, ключ ✓");
        assertThat(message.raw()).contains("\uFEFF");
    }

    @Test
    void emptyMessageAfterSpIsEmptyNotNull() {
        assertThat(SyslogReceiver.parse("<14>1 - h a - - - ").msg()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "14>1 - - - - - -",                        // no PRI
            "<192>1 - - - - - -",                      // PRI above 191
            "<014>1 - - - - - -",                      // leading zero
            "<14>0 - - - - - -",                       // VERSION 0
            "<14> - - - - - -",                        // no VERSION
            "<14>1 2024-05-01 12:00:00 h a - - -",     // not RFC 3339
            "<14>1 - - - - -",                         // no STRUCTURED-DATA
            "<14>1 - h  a - - -",                      // empty field
            "<14>1 - h a - - x",                       // SD neither - nor [
            "<14>1 - h a - - -x",                      // garbage after -
            "<14>1 - h a - - [id a=\"1\"",             // element not closed
            "<14>1 - h a - - [id a=\"1]",              // value not closed, unescaped ]
            "<14>1 - h a - - [id a=1]",                // value not quoted
            "<14>1 - h a - - [id][id]",                // repeated SD-ID
            "<14>1 - h a - - []",                      // empty SD-ID
            "<14>1 - h a - - [id]msg",                 // no SP before MSG
            "<14>1 - h a - 012345678901234567890123456789012 - -", // MSGID longer than 32
    })
    void rejectsWhatIsNotRfc5424(String raw) {
        assertThatThrownBy(() -> SyslogReceiver.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not RFC 5424");
    }
}
