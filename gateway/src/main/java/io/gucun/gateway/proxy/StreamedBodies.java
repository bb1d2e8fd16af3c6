package io.gucun.gateway.proxy;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * HTTP/2 requests may carry a body without Content-Length (the stream's end marks its end). Upstream we speak
 * HTTP/1.1, where such a body must be sent chunked; the proxy library decides that from the inbound
 * {@code Transfer-Encoding} header, so an HTTP/2 request with a body still to come is marked chunked here.
 */
final class StreamedBodies {

    private StreamedBodies() {
    }

    static HttpServerRequest markChunked(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2 && !request.isEnded()
                && !request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            request.headers().set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
        return request;
    }
}
