package io.gucun.gateway.access;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Request durations at the gateway as a histogram ({@code http_server_requests_seconds_bucket}), so Prometheus can
 * compute the p99 across instances (the dashboard's latency panel, alert GucunLatencyHigh). Buckets from 5 ms to the
 * upstream timeout (30 s) keep the series per route few.
 */
public class LatencyHistogram {

    @Produces
    @Singleton
    MeterFilter requestDurations() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(5).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                        .build().merge(config);
            }
        };
    }
}
