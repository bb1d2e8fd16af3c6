package io.gucun.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where finished spans go, each switched on by configuration at run time (one build serves every environment):
 * <ul>
 * <li>{@code gucun.tracing.otlp-endpoint} (env {@code GUCUN_TRACING_OTLP_ENDPOINT}, e.g.
 * {@code http://otel-collector:4318}; default {@value #NO_COLLECTOR}): OTLP over HTTP to a collector, as compose and
 * Kubernetes set it;</li>
 * <li>{@code gucun.tracing.span-directory}: a bounded file of this app's recent spans ({@link SpanFile}), as
 * {@code ./gucun run} sets it ({@code .gucun/run/data/traces}) for {@code ./gucun trace}; the file is named after
 * {@code gucun.tracing.instance} (e.g. {@code membership-service-2}), else the application.</li>
 * </ul>
 * With neither, spans are still made (and propagated, so the traces of the other apps stay whole) but kept nowhere.
 * Quarkus's own OTLP exporter is off at build time ({@code quarkus.otel.exporter.otlp.enabled=false}): it cannot be
 * switched off at run time and would retry a missing collector every few seconds. Quarkus adds every
 * {@link SpanProcessor} bean to its tracer provider; exports are batched off the request threads.
 */
@Singleton
public class SpanDestinations implements SpanProcessor {

    private final List<SpanProcessor> destinations = new ArrayList<>();

    /** The value of {@code gucun.tracing.otlp-endpoint} that sends no spans to a collector (its default). */
    public static final String NO_COLLECTOR = "none";

    public SpanDestinations(@ConfigProperty(name = "gucun.tracing.otlp-endpoint", defaultValue = NO_COLLECTOR) String otlpEndpoint,
                            @ConfigProperty(name = "gucun.tracing.span-directory") Optional<Path> directory,
                            @ConfigProperty(name = "quarkus.application.name") String application,
                            @ConfigProperty(name = "gucun.tracing.instance") Optional<String> instance,
                            @ConfigProperty(name = "gucun.tracing.span-file-max-bytes", defaultValue = "16000000") long maxBytes) {
        if (!otlpEndpoint.isBlank() && !otlpEndpoint.equals(NO_COLLECTOR)) {
            destinations.add(batched(OtlpHttpSpanExporter.builder()
                    .setEndpoint(otlpEndpoint.replaceAll("/+$", "") + "/v1/traces").build(), Duration.ofSeconds(2)));
        }
        directory.ifPresent(dir -> destinations.add(batched(new SpanFile(dir, instance.orElse(application), maxBytes),
                Duration.ofMillis(500))));
    }

    private static SpanProcessor batched(SpanExporter exporter, Duration delay) {
        return BatchSpanProcessor.builder(exporter).setScheduleDelay(delay).build();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // nothing at start: only finished spans are exported
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        for (SpanProcessor d : destinations) {
            d.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return !destinations.isEmpty();
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofAll(destinations.stream().map(SpanProcessor::forceFlush).toList());
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofAll(destinations.stream().map(SpanProcessor::shutdown).toList());
    }
}
