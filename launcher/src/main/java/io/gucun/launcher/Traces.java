package io.gucun.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the span files the apps of {@code ./gucun run} write (one per app instance, {@code <app>.spans.jsonl} and its
 * previous {@code .1}, see io.gucun.telemetry.SpanFile) and puts one request's trace back together: the gateway's
 * server span holds the request id ({@code gucun.request_id}), its trace id finds every other span, in every service
 * and behind every event.
 */
public final class Traces {

    public static final String REQUEST_ID = "gucun.request_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One finished span as written; times in epoch nanoseconds. */
    public record Span(String traceId, String spanId, String parentSpanId, String service, String name, String kind,
                       long startNanos, long endNanos, String status, Map<String, String> attributes) {

        public double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    /** A trace: its spans ordered by start. */
    public record Trace(String traceId, List<Span> spans) {

        public Set<String> services() {
            Set<String> s = new HashSet<>();
            spans.forEach(span -> s.add(span.service()));
            return s;
        }

        /** Spans whose parent is not in the trace (the gateway's, or a span whose parent was not kept). */
        public List<Span> roots() {
            Set<String> ids = new HashSet<>();
            spans.forEach(s -> ids.add(s.spanId()));
            return spans.stream().filter(s -> s.parentSpanId().isEmpty() || !ids.contains(s.parentSpanId())).toList();
        }

        public List<Span> children(Span parent) {
            return spans.stream().filter(s -> s.parentSpanId().equals(parent.spanId())).toList();
        }
    }

    private Traces() {
    }

    /** The trace of the request with this id (the latest, should a caller have reused the id), if it was kept. */
    public static Optional<Trace> byRequestId(Path directory, String requestId) {
        List<Span> all = read(directory);
        return all.stream().filter(s -> requestId.equals(s.attributes().get(REQUEST_ID)))
                .max(Comparator.comparingLong(Span::startNanos))
                .map(root -> new Trace(root.traceId(), all.stream().filter(s -> s.traceId().equals(root.traceId()))
                        .sorted(Comparator.comparingLong(Span::startNanos)).toList()));
    }

    /** Every span in the directory's files; a line cut short by a crash is skipped. */
    public static List<Span> read(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains(".spans.jsonl")).sorted().toList()) {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        parse(line).ifPresent(spans::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    static Optional<Span> parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            Map<String, String> attributes = new LinkedHashMap<>();
            n.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new Span(n.path("traceId").asText(), n.path("spanId").asText(), n.path("parentSpanId").asText(),
                    n.path("service").asText(), n.path("name").asText(), n.path("kind").asText(), n.path("startNanos").asLong(),
                    n.path("endNanos").asLong(), n.path("status").asText(), attributes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The tree, one span a line: start offset from the trace's first span, duration, app, indented span name. */
    public static String render(Trace trace, String requestId) {
        long t0 = trace.spans().getFirst().startNanos();
        long end = trace.spans().stream().mapToLong(Span::endNanos).max().orElse(t0);
        StringBuilder out = new StringBuilder(String.format("trace %s  request %s  %d spans in %d apps, %.1f ms%n",
                trace.traceId(), requestId, trace.spans().size(), trace.services().size(), (end - t0) / 1e6));
        out.append(String.format("%10s %10s  %-22s %s%n", "start ms", "took ms", "app", "span"));
        Map<String, Boolean> seen = new HashMap<>();
        for (Span root : trace.roots()) {
            render(trace, root, 0, t0, out, seen);
        }
        return out.toString();
    }

    private static void render(Trace trace, Span span, int depth, long t0, StringBuilder out, Map<String, Boolean> seen) {
        if (seen.put(span.spanId(), true) != null) {
            return;
        }
        out.append(String.format("%10.1f %10.1f  %-22s %s%s%s%n", (span.startNanos() - t0) / 1e6, span.millis(), span.service(),
                "  ".repeat(depth), span.name(), span.status().equals("ERROR") ? "  [error]" : ""));
        for (Span child : trace.children(span)) {
            render(trace, child, depth + 1, t0, out, seen);
        }
    }

    /** {@code ./gucun trace <request-id>}: prints the trace of a request to the running (or last) local system. */
    public static void main(String[] args) {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: ./gucun trace <request-id>   (the X-Request-Id the gateway returned)");
            System.exit(2);
        }
        Path directory = Stack.spanDirectory(new StackOptions(io.gucun.infra.GucunPaths.root()).home);
        Optional<Trace> trace = byRequestId(directory, args[0]);
        if (trace.isEmpty()) {
            System.err.printf("gucun trace: no trace with request id %s in %s (spans are written within a second of the"
                    + " request's end; older ones are rotated out)%n", args[0], directory);
            System.exit(1);
        }
        System.out.print(render(trace.get(), args[0]));
    }
}
