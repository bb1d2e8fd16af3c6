package io.gucun.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * Finished spans as JSON lines in one file per app ({@code <service>.spans.jsonl}), for {@code ./gucun trace} on a
 * machine without a collector. Bounded: when the file passes {@code maxBytes} it becomes {@code <name>.1} (replacing
 * the previous one) and a new file starts, so an app keeps between one and two files' worth of its latest spans.
 * <p>
 * One line: {@code {"traceId","spanId","parentSpanId","service","name","kind","startNanos","endNanos","status",
 * "attributes":{...}}}; times are epoch nanoseconds. Attributes are written as the scrubbed span holds them
 * ({@link PersonalDataScrubber}).
 */
public final class SpanFile implements SpanExporter {

    public static final String SUFFIX = ".spans.jsonl";

    private final Path file;
    private final long maxBytes;
    private Writer out;
    private long written;

    public SpanFile(Path directory, String service, long maxBytes) {
        this.file = directory.resolve(service + SUFFIX);
        this.maxBytes = maxBytes;
    }

    public Path path() {
        return file;
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
        try {
            for (SpanData span : spans) {
                if (out == null || written >= maxBytes) {
                    roll();
                }
                String line = line(span);
                out.write(line);
                written += line.length();
            }
            out.flush();
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofFailure();
        }
    }

    private void roll() throws IOException {
        if (out != null) {
            out.close();
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(file.getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    static String line(SpanData span) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "traceId", span.getTraceId()).append(',');
        field(b, "spanId", span.getSpanId()).append(',');
        field(b, "parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : "").append(',');
        field(b, "service", String.valueOf(span.getResource().getAttribute(AttributeKey.stringKey("service.name")))).append(',');
        field(b, "name", span.getName()).append(',');
        field(b, "kind", span.getKind().name()).append(',');
        b.append("\"startNanos\":").append(span.getStartEpochNanos()).append(',');
        b.append("\"endNanos\":").append(span.getEndEpochNanos()).append(',');
        field(b, "status", span.getStatus().getStatusCode().name()).append(",\"attributes\":{");
        boolean first = true;
        for (Map.Entry<AttributeKey<?>, Object> a : span.getAttributes().asMap().entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            field(b, a.getKey().getKey(), String.valueOf(a.getValue()));
        }
        return b.append("}}\n").toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return quote(quote(b, name).append(':'), value);
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public synchronized CompletableResultCode shutdown() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException e) {
            return CompletableResultCode.ofFailure();
        }
    }
}
