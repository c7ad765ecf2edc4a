package io.keygate.bitlocker.audit;

import java.util.stream.Collectors;

import io.keygate.bitlocker.model.AuditEntryModel;

/** RFC 4180 CSV of audit entries ({@link AuditFields#CSV}), with spreadsheet-formula injection neutralised. */
public final class AuditCsv {

    public static final String HEADER = AuditFields.CSV.stream().map(AuditFields.Field::name)
            .collect(Collectors.joining(",")) + "\r\n";

    private AuditCsv() {
    }

    public static String row(AuditEntryModel e) {
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
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
