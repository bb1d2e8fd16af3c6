package io.gucun.dues.collection;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gucun.common.problem.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads collection records from CSV: a header line naming the columns {@code creditCode,period,payrollBase,amount,
 * partnerReference} (any order; {@code amount} may be left out or empty), then one record per line.
 */
public final class CsvRecords {

    static final Set<String> REQUIRED = Set.of("creditCode", "period", "payrollBase", "partnerReference");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private CsvRecords() {
    }

    public static List<CollectionRules.RawRow> parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "is empty; expected a header line and records");
        }
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<CollectionRules.RawRow> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            boolean more = it.hasNextValue(); // reads the header line
            CsvSchema header = (CsvSchema) it.getParser().getSchema();
            List<String> missing = REQUIRED.stream().filter(c -> header.column(c) == null).sorted().toList();
            if (!missing.isEmpty()) {
                throw ApiException.invalid("header", "lacks the column(s) " + String.join(", ", missing));
            }
            while (more) {
                Map<String, String> r;
                try {
                    r = it.nextValue();
                } catch (RuntimeJsonMappingException e) {
                    throw ApiException.invalid("line " + it.getParser().currentLocation().getLineNr(),
                            "cannot be read as a CSV record with the header's columns");
                }
                int line = it.getParser().currentTokenLocation().getLineNr();
                rows.add(new CollectionRules.RawRow(line, r.get("creditCode"), r.get("period"), r.get("payrollBase"),
                        r.get("amount"), r.get("partnerReference")));
                more = it.hasNextValue();
            }
        } catch (IOException e) {
            throw ApiException.invalid("body", "is not readable CSV");
        }
        return rows;
    }
}
