package io.gucun.dues.collection;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gucun.common.problem.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads collection records from CSV as it streams in: a header line naming the columns {@code creditCode,period,
 * payrollBase,amount,partnerReference} (any order; {@code amount} may be left out or empty), then one record per line.
 */
public final class CsvRecords {

    static final Set<String> REQUIRED = Set.of("creditCode", "period", "payrollBase", "partnerReference");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvRecords() {
    }

    /** Hands each record to {@code sink} in file order; 400 naming the header or the line that cannot be read. */
    public static void read(InputStream body, Consumer<CollectionRules.RawRow> sink) {
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(withoutBom(body))) {
            boolean more = it.hasNextValue(); // reads the header line
            CsvSchema header = (CsvSchema) it.getParser().getSchema();
            if (header.size() == 0) {
                throw ApiException.invalid("body", "is empty; expected a header line and records");
            }
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
                sink.accept(new CollectionRules.RawRow(line, r.get("creditCode"), r.get("period"), r.get("payrollBase"),
                        r.get("amount"), r.get("partnerReference")));
                more = it.hasNextValue();
            }
        } catch (IOException | RuntimeJsonMappingException e) {
            throw ApiException.invalid("body", "is not readable CSV");
        }
    }

    /** A spreadsheet's UTF-8 byte order mark would otherwise become part of the first column's name. */
    private static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, BOM.length);
        byte[] head = p.readNBytes(BOM.length);
        if (head.length < BOM.length || head[0] != BOM[0] || head[1] != BOM[1] || head[2] != BOM[2]) {
            p.unread(head);
        }
        return p;
    }
}
