package io.gucun.gateway.proxy;

/** A request body without Content-Length grew past the limit while being streamed upstream. */
public final class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes", null, false, false);
    }
}
