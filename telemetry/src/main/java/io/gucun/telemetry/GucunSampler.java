package io.gucun.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which traces are kept: parent-based, so a request's or an event's spans are kept or dropped together, across
 * services; a new trace (a request at the gateway, an event published outside any request) is kept with probability
 * {@code gucun.tracing.sample-ratio} (default 1: every one; lower it where traffic makes that costly). An outgoing call
 * that starts a trace of its own (a database statement of a scheduled job or the outbox poll, a health probe) is never
 * kept: it would be a one-span trace every second per service. Quarkus takes a {@link Sampler} bean in place of
 * {@code quarkus.otel.traces.sampler}, and still drops its own /q/ endpoints.
 */
@Singleton
public class GucunSampler implements Sampler {

    private final Sampler delegate;

    public GucunSampler(@ConfigProperty(name = "gucun.tracing.sample-ratio", defaultValue = "1") double ratio) {
        Sampler newTraces = Sampler.traceIdRatioBased(ratio);
        this.delegate = Sampler.parentBased(new Sampler() {
            @Override
            public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
                                               List<LinkData> links) {
                return kind == SpanKind.CLIENT ? SamplingResult.drop()
                        : newTraces.shouldSample(parent, traceId, name, kind, attributes, links);
            }

            @Override
            public String getDescription() {
                return "NoRootClientSpans{" + newTraces.getDescription() + "}";
            }
        });
    }

    @Override
    public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind, Attributes attributes,
                                       List<LinkData> links) {
        return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
    }

    @Override
    public String getDescription() {
        return delegate.getDescription();
    }
}
