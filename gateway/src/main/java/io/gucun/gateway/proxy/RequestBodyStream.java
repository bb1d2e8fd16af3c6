package io.gucun.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The inbound request body as the proxy reads it. Passes the body through and fails it (without passing more) once
 * more than {@code limit} bytes went by. Flow control on a body that has already been read entirely is a no-op here:
 * an HTTP/2 request refuses {@code resume()} then, which would otherwise stop the proxy from answering at all.
 */
final class RequestBodyStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long limit;
    private long seen;
    private boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    RequestBodyStream(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    long limit() {
        return limit;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (exceeded) {
                return;
            }
            seen += chunk.length();
            if (seen > limit) {
                exceeded = true;
                source.handler(null);
                Handler<Throwable> onError = exceptionHandler;
                if (onError != null) {
                    onError.handle(new BodyTooLargeException(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        try {
            source.pause();
        } catch (IllegalStateException alreadyRead) {
            // nothing left to pause
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        try {
            source.resume();
        } catch (IllegalStateException alreadyRead) {
            // nothing left to read
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        try {
            source.fetch(amount);
        } catch (IllegalStateException alreadyRead) {
            // nothing left to read
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!exceeded) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
