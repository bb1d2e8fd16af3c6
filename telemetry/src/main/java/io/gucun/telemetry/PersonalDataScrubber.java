package io.gucun.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of span attributes before any exporter sees them. The HTTP instrumentation records the path
 * and query of each request: a query may carry a name or a phone number (searches), a path a card number. So the query
 * is never kept, nor the caller's address and user agent, and in paths every run of six or more digits (ID, card and phone numbers; the services' own ids are
 * shorter) becomes {@code {n}}. SQL is recorded by the JDBC instrumentation with its values replaced by {@code ?}
 * (its statement sanitizer, on by default), and the services bind values as parameters anyway.
 */
@Singleton
public class PersonalDataScrubber implements SpanProcessor {

    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    static final List<AttributeKey<String>> PATHS = List.of(AttributeKey.stringKey("url.path"), AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("http.target"), AttributeKey.stringKey("http.url"));
    /** Who called: a worker's address and device, dropped (the gateway's access log has what operations need). */
    static final List<AttributeKey<String>> CALLER = List.of(AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("user_agent.original"));
    private static final Pattern LONG_NUMBER = Pattern.compile("[0-9Xx]*[0-9]{6,}[0-9Xx]*");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(URL_QUERY) != null) {
            span.setAttribute(URL_QUERY, "(removed)");
        }
        for (AttributeKey<String> key : CALLER) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, "(removed)");
            }
        }
        for (AttributeKey<String> key : PATHS) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, scrub(value));
            }
        }
    }

    /** The path without its query and with long digit runs masked. */
    static String scrub(String pathOrUrl) {
        int query = pathOrUrl.indexOf('?');
        String path = query < 0 ? pathOrUrl : pathOrUrl.substring(0, query);
        return LONG_NUMBER.matcher(path).replaceAll("{n}");
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        // attributes are settled at start, where the HTTP and JDBC instrumentation set them
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
