package io.gucun.dues.collection;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.problem.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/** Reads collection records from a JSON array as it streams in, one element at a time; positions count from 1. */
public final class JsonRecords {

    private JsonRecords() {
    }

    public static void read(ObjectMapper mapper, InputStream body, Consumer<CollectionRules.RawRow> sink) {
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw ApiException.invalid("body", "must be a JSON array of collection records");
            }
            int position = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                position++;
                if (t == null) {
                    throw ApiException.invalid("body", "ends before the JSON array is closed");
                }
                if (t == JsonToken.VALUE_NULL) {
                    sink.accept(new CollectionRules.RawRow(position, null, null, null, null, null));
                    continue;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw ApiException.invalid("[" + position + "]", "must be a collection record (a JSON object)");
                }
                CollectionDtos.CollectionRecord r = mapper.readValue(p, CollectionDtos.CollectionRecord.class);
                sink.accept(new CollectionRules.RawRow(position, r.creditCode(), r.period(), r.payrollBase(), r.amount(),
                        r.partnerReference()));
            }
        } catch (IOException e) {
            throw ApiException.invalid("body", "is not a readable JSON array of collection records");
        }
    }
}
