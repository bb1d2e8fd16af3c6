package io.gucun.outreach;

import io.gucun.common.problem.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP body limit is raised for partner files (streamed to disk, any size); every other body (JSON, read into
 * memory) keeps a small limit: refused up front when its length says it is too large, or, when the length is not
 * known in advance (chunked, as the gateway forwards HTTP/2 requests), refused as soon as it has read more.
 */
public class BodyLimits {

    @ConfigProperty(name = "gucun.outreach.json-body-limit", defaultValue = "10485760")
    long jsonLimit;

    /** Methods whose requests carry no body any resource here reads. */
    private static final Set<String> BODILESS = Set.of("GET", "HEAD", "OPTIONS", "DELETE");

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String type = request.getHeaderString("Content-Type");
        if (type != null && type.toLowerCase().startsWith("text/csv")) {
            return null;
        }
        if (BODILESS.contains(request.getMethod())) {
            // A proxy may forward such a request as chunked with an empty body (the gateway does so for HTTP/2
            // requests): never read, never too large; the caller gets the answer its request deserves (401/403/...).
            return null;
        }
        if (request.getLength() > jsonLimit) {
            throw tooLarge();
        }
        if (request.getLength() < 0) {
            // A POST without a body (POST /sign-ups/retry) arrives chunked and empty through the gateway: it must pass.
            request.setEntityStream(new Bounded(request.getEntityStream(), jsonLimit, this::tooLarge));
        }
        return null;
    }

    /** The one answer to a body over the limit, whether its length said so up front or its bytes did while read. */
    private ApiException tooLarge() {
        return new ApiException(413, "body-too-large", "Body too large",
                "a request body other than a partner CSV file is limited to " + jsonLimit + " bytes", null, null);
    }

    /** Reads at most {@code limit} bytes; one more is a 413. */
    static final class Bounded extends FilterInputStream {
        private final long limit;
        private final Supplier<ApiException> tooLarge;
        private long read;

        Bounded(InputStream in, long limit, Supplier<ApiException> tooLarge) {
            super(in);
            this.limit = limit;
            this.tooLarge = tooLarge;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw tooLarge.get();
            }
        }
    }
}
