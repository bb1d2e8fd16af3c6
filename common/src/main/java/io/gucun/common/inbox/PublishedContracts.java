package io.gucun.common.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.events.EventCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * For each consumer's contract test: the fields a consumer says it reads, checked against the event records and
 * against the published contract (docs/events/asyncapi.json, shipped in the event-contracts jar). A producer that
 * renames, removes or retypes a field some consumer reads makes that consumer's test fail.
 */
public final class PublishedContracts {

    static final String DOCUMENT = "/io/gucun/events/asyncapi.json";

    private PublishedContracts() {
    }

    /** What is wrong between {@code reader}'s declared reads and the contracts; empty when nothing is. */
    public static List<String> problems(String consumer, EventReader reader) {
        JsonNode messages = document().path("components").path("messages");
        List<String> problems = new ArrayList<>();
        for (EventReader.Handler<?> h : reader.handlers()) {
            String name = EventCatalog.typeName(h.contract());
            Set<String> components = Arrays.stream(h.contract().getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            JsonNode published = messages.path(name).path("payload").path("properties");
            if (published.isMissingNode()) {
                problems.add(consumer + " reads " + name + ", which docs/events/asyncapi.json does not publish");
                continue;
            }
            for (String field : h.reads()) {
                if (!components.contains(field)) {
                    problems.add(consumer + " reads " + name + "." + field + ", which record " + h.contract().getName()
                            + " no longer has: a consumer still running reads the old shape; publish a new version instead");
                }
                if (!published.has(field)) {
                    problems.add(consumer + " reads " + name + "." + field + ", which the published contract does not have");
                }
            }
            if (h.reads().isEmpty()) {
                problems.add(consumer + " reads " + name + " without saying which fields");
            }
        }
        return problems;
    }

    private static JsonNode document() {
        try (InputStream in = PublishedContracts.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is not on the class path (event-contracts ships it)");
            }
            return EventReader.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
