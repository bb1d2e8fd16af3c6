package io.gucun.membership.roster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gucun.common.problem.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a roster as it streams in, one row at a time: CSV (a header line naming the columns, one row per line, fields
 * quoted with {@code "} when they hold a comma) or a JSON array of objects. The column names are the fields of a
 * single registration ({@code NewMember}) without orgId and note: the union is the enterprise's.
 */
final class RosterFormat {

    static final List<String> COLUMNS = List.of("idNumber", "name", "mobile", "employerCreditCode", "employerName",
            "occupation", "occupationCategory", "employmentForm");
    static final List<String> REQUIRED = List.of("idNumber", "name", "mobile", "employmentForm");

    /** A row of the roster: where it starts in the body and its fields by column name (absent when empty). */
    record Row(int line, Map<String, String> fields) {
    }

    private RosterFormat() {
    }

    static void read(RosterJob.Format format, InputStream body, Consumer<Row> rows) throws IOException {
        if (format == RosterJob.Format.CSV) {
            csv(body, rows);
        } else {
            json(body, rows);
        }
    }

    private static void csv(InputStream body, Consumer<Row> rows) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        String header = in.readLine();
        if (header == null || header.isBlank()) {
            throw ApiException.invalid("roster", "is empty: the first line names the columns, e.g. "
                    + String.join(",", REQUIRED));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1); // a byte order mark, as spreadsheet programs write
        }
        List<String> columns = fields(header).stream().map(String::trim).toList();
        for (String c : columns) {
            if (!COLUMNS.contains(c)) {
                throw ApiException.invalid("roster", "names an unknown column '" + c + "' in its header; columns are "
                        + String.join(",", COLUMNS));
            }
        }
        for (String required : REQUIRED) {
            if (!columns.contains(required)) {
                throw ApiException.invalid("roster", "has no column " + required + " in its header line");
            }
        }
        String text;
        int line = 1;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            List<String> values = fields(text);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                // Extra values past the last column are kept under a name no field has: the row is rejected for them.
                String column = i < columns.size() ? columns.get(i) : "column " + (i + 1);
                putValue(row, column, values.get(i));
            }
            rows.accept(new Row(line, row));
        }
    }

    /** The fields of one CSV line (RFC 4180 quoting; a field's line breaks are not supported: one row is one line). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    private static void json(InputStream body, Consumer<Row> rows) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.invalid("roster", "is not a JSON array of members");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw ApiException.invalid("roster", "holds something other than an object at line "
                            + p.currentTokenLocation().getLineNr());
                }
                int line = p.currentTokenLocation().getLineNr();
                Map<String, String> row = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value.isStructStart()) {
                        throw ApiException.invalid("roster", "gives " + name + " an object or array at line "
                                + p.currentTokenLocation().getLineNr() + "; a field is a text or a number");
                    } else if (value != JsonToken.VALUE_NULL) {
                        putValue(row, name, p.getText());
                    }
                }
                rows.accept(new Row(line, row));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.invalid("roster", "is not well-formed JSON near line " + e.getLocation().getLineNr());
        }
    }

    private static void putValue(Map<String, String> row, String column, String value) {
        String v = value.trim();
        if (!v.isEmpty()) {
            row.put(column, v);
        }
    }
}
