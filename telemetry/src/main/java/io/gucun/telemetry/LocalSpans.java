package io.gucun.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this app's recent spans in a file ({@link SpanFile}) when {@code gucun.tracing.span-directory} is set: the
 * local launcher sets it to {@code .gucun/run/data/traces}, compose and Kubernetes do not (they export OTLP to a
 * collector); the file is named after {@code gucun.tracing.instance} (e.g. {@code membership-service-2}), else the
 * application. Quarkus adds every {@link SpanProcessor} bean to its tracer provider, beside its own OTLP exporter.
 * Spans are written in batches off the request threads.
 */
@Singleton
public class LocalSpans implements SpanProcessor {

    private final SpanProcessor delegate;

    public LocalSpans(@ConfigProperty(name = "gucun.tracing.span-directory") Optional<Path> directory,
                      @ConfigProperty(name = "quarkus.application.name") String application,
                      @ConfigProperty(name = "gucun.tracing.instance") Optional<String> instance,
                      @ConfigProperty(name = "gucun.tracing.span-file-max-bytes", defaultValue = "16000000") long maxBytes) {
        this.delegate = directory
                .<SpanProcessor>map(dir -> BatchSpanProcessor.builder(new SpanFile(dir, instance.orElse(application), maxBytes))
                        .setScheduleDelay(Duration.ofMillis(500)).build())
                .orElse(null);
    }

    public boolean enabled() {
        return delegate != null;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        // nothing to do at start: the file holds finished spans
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (delegate != null) {
            delegate.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return delegate != null;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate == null ? CompletableResultCode.ofSuccess() : delegate.shutdown();
    }
}
