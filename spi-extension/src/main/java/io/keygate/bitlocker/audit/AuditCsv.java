package io.keygate.bitlocker.audit;

import java.util.stream.Collectors;

import io.keygate.bitlocker.model.AuditEntry;

/**
 * RFC 4180 CSV of audit entries ({@link AuditFields#CSV}): every cell quoted, and a cell a spreadsheet
 * would run as a formula (one that starts, after any blanks, with {@code = + - @}, a tab or a CR)
 * prefixed with {@code '} so it is shown as text.
 */
public final class AuditCsv {

    public static final String HEADER = AuditFields.CSV.stream().map(f -> cell(f.name()))
            .collect(Collectors.joining(",")) + "\r\n";

    private AuditCsv() {
    }

    public static String row(AuditEntry e) {
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < AuditFields.CSV.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object value = AuditFields.CSV.get(i).value().apply(e);
            sb.append(cell(value == null ? null : value.toString()));
        }
        return sb.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        String v = runsAsFormula(value) ? "'" + value : value;
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static boolean runsAsFormula(String value) {
        if (value.charAt(0) == '\t' || value.charAt(0) == '\r') {
            return true;
        }
        int i = 0;
        while (i < value.length() && (Character.isWhitespace(value.charAt(i)) || Character.isSpaceChar(value.charAt(i)))) {
            i++;
        }
        char first = i < value.length() ? value.charAt(i) : ' ';
        return first == '=' || first == '+' || first == '-' || first == '@';
    }
}
