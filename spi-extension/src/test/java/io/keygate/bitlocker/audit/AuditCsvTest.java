package io.keygate.bitlocker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditCsvTest {

    private static final List<String> COLUMNS = List.of("id", "time", "action", "outcome", "code", "actorUserId",
            "actorUsername", "clientId", "source", "ipAddress", "userAgent", "deviceId", "deviceName", "keyId",
            "ticketSystem", "ticketKey", "ticketUrl", "ticketStatus", "ticketType", "reason", "acr",
            "approvalRequestId", "approverUserId", "approverUsername", "keyPackage", "campaignId", "prevHash", "hash");

    /** An RFC 4180 reader for one record that ends with CRLF; fails on anything RFC 4180 does not allow. */
    static List<String> parseRecord(String line) {
        assertThat(line).endsWith("\r\n");
        String record = line.substring(0, line.length() - 2);
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < record.length() && record.charAt(i) == '"') {
                i++;
                while (true) {
                    assertThat(i).as("unterminated quoted cell in %s", record).isLessThan(record.length());
                    char c = record.charAt(i);
                    if (c == '"') {
                        if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
                            cell.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell.append(c);
                    i++;
                }
                assertThat(i == record.length() || record.charAt(i) == ',')
                        .as("text after a closing quote at %d in %s", i, record).isTrue();
            } else {
                while (i < record.length() && record.charAt(i) != ',') {
                    char c = record.charAt(i);
                    assertThat(c).as("unquoted special character in %s", record).isNotIn('"', '\r', '\n');
                    cell.append(c);
                    i++;
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (i == record.length()) {
                return cells;
            }
            i++; // the comma
        }
    }

    @Test
    void theHeaderNamesEveryColumnInOrderAndEndsWithCrLf() {
        assertThat(AuditCsv.HEADER).endsWith("\r\n");
        assertThat(parseRecord(AuditCsv.HEADER)).containsExactlyElementsOf(COLUMNS);
    }

    @Test
    void aRowHasOneCellPerHeaderColumnWithTheEntrysValues() {
        TestEntry e = AuditEntries.full();

        List<String> cells = parseRecord(AuditCsv.row(e.entry()));

        assertThat(cells).hasSize(COLUMNS.size());
        assertThat(cells.get(COLUMNS.indexOf("id"))).isEqualTo(e.get("id"));
        assertThat(cells.get(COLUMNS.indexOf("time"))).isEqualTo("2026-11-18T11:06:40.123Z");
        assertThat(cells.get(COLUMNS.indexOf("action"))).isEqualTo("KEY_REVEALED");
        assertThat(cells.get(COLUMNS.indexOf("actorUsername"))).isEqualTo("helpdesk.hank");
        assertThat(cells.get(COLUMNS.indexOf("deviceName"))).isEqualTo("LAPTOP-042");
        assertThat(cells.get(COLUMNS.indexOf("ticketKey"))).isEqualTo("IT-123");
        assertThat(cells.get(COLUMNS.indexOf("ticketUrl"))).isEqualTo("https://acme.atlassian.net/browse/IT-123");
        assertThat(cells.get(COLUMNS.indexOf("reason"))).isEqualTo("user locked out after BIOS update");
        assertThat(cells.get(COLUMNS.indexOf("acr"))).isEqualTo("2");
        assertThat(cells.get(COLUMNS.indexOf("prevHash"))).isEqualTo(AuditChain.GENESIS);
        assertThat(cells.get(COLUMNS.indexOf("hash"))).isEqualTo("ab".repeat(32));
    }

    @Test
    void nullsAreEmptyCells() {
        TestEntry e = new TestEntry();
        e.set("time", 0);

        String row = AuditCsv.row(e.entry());

        assertThat(row).isEqualTo("\"\",\"1970-01-01T00:00:00Z\"" + ",\"\"".repeat(COLUMNS.size() - 2) + "\r\n");
        assertThat(parseRecord(row)).hasSize(COLUMNS.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "helpdesk.hank", "10.0.0.7", "IT-123", "In Progress", "a'b"})
    void anOrdinaryValueIsQuotedButOtherwiseAsItIs(String value) {
        assertThat(AuditCsv.cell(value)).isEqualTo("\"" + value + "\"");
    }

    @Test
    void anEmptyValueIsAnEmptyQuotedCell() {
        assertThat(AuditCsv.cell("")).isEqualTo("\"\"");
        assertThat(AuditCsv.cell(null)).isEqualTo("\"\"");
    }

    @Test
    void everyCellOfTheHeaderAndOfARowIsQuoted() {
        for (String record : List.of(AuditCsv.HEADER, AuditCsv.row(AuditEntries.full().entry()))) {
            String body = record.substring(0, record.length() - 2);
            assertThat(body).startsWith("\"").endsWith("\"");
            assertThat(body.split("\",\"", -1)).hasSize(COLUMNS.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {" =1+1", "  +PC", "\u00a0@x"})
    void aFormulaBehindLeadingBlanksIsNeutralisedToo(String value) {
        assertThat(AuditCsv.cell(value)).isEqualTo("\"'" + value + "\"");
    }

    @Test
    void aCommaIsQuoted() {
        assertThat(AuditCsv.cell("locked out, urgent")).isEqualTo("\"locked out, urgent\"");
    }

    @Test
    void aQuoteIsDoubledAndQuoted() {
        assertThat(AuditCsv.cell("the \"BIOS\" update")).isEqualTo("\"the \"\"BIOS\"\" update\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "line one\r\nline two", "cr\ronly"})
    void lineBreaksAreQuoted(String value) {
        assertThat(AuditCsv.cell(value)).isEqualTo("\"" + value + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=SUM(A1:A9)                     | \"'=SUM(A1:A9)\"",
            "+1 555 0100                     | \"'+1 555 0100\"",
            "-2+3                            | \"'-2+3\"",
            "@SUM(A1)                        | \"'@SUM(A1)\"",
            "=HYPERLINK(\"http://x\",\"y\")  | \"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
    })
    void aCellThatASpreadsheetWouldRunAsAFormulaIsPrefixedAndQuoted(String value, String expected) {
        assertThat(AuditCsv.cell(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\tcmd", "\r=1"})
    void aCellStartingWithTabOrCarriageReturnIsPrefixedAndQuoted(String value) {
        assertThat(AuditCsv.cell(value)).isEqualTo("\"'" + value + "\"");
    }

    @Test
    void aFormulaInsideAValueIsNotTouched() {
        assertThat(AuditCsv.cell("a=1")).isEqualTo("\"a=1\"");
        assertThat(AuditCsv.cell("LAPTOP-042")).isEqualTo("\"LAPTOP-042\"");
    }

    @Test
    void hostileValuesSurviveARoundTripThroughACsvReader() {
        TestEntry e = AuditEntries.full();
        e.set("reason", "urgent, \"CEO\" laptop\r\nsecond line");
        e.set("deviceName", "=cmd|' /C calc'!A0");
        e.set("userAgent", "@evil,\"x\"");
        e.set("actorUsername", "-helpdesk");
        e.set("ticketStatus", "");

        List<String> cells = parseRecord(AuditCsv.row(e.entry()));

        assertThat(cells).hasSize(COLUMNS.size());
        assertThat(cells.get(COLUMNS.indexOf("reason"))).isEqualTo("urgent, \"CEO\" laptop\r\nsecond line");
        assertThat(cells.get(COLUMNS.indexOf("deviceName"))).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(cells.get(COLUMNS.indexOf("userAgent"))).isEqualTo("'@evil,\"x\"");
        assertThat(cells.get(COLUMNS.indexOf("actorUsername"))).isEqualTo("'-helpdesk");
        assertThat(cells.get(COLUMNS.indexOf("ticketStatus"))).isEmpty();
        assertThat(cells.get(COLUMNS.indexOf("ticketKey"))).isEqualTo("IT-123");
    }

    @Test
    void noCellOfARowStartsWithAFormulaCharacter() {
        TestEntry e = AuditEntries.full();
        e.set("reason", "=1+1");
        e.set("deviceName", "+PC");
        e.set("ticketKey", "-1");
        e.set("clientId", "@client");

        for (String cell : parseRecord(AuditCsv.row(e.entry()))) {
            if (!cell.isBlank()) {
                assertThat(cell.charAt(0)).as(cell).isNotIn('=', '+', '-', '@', '\t', '\r');
            }
        }
    }
}
