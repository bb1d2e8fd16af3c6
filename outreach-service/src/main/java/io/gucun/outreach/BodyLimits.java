package io.gucun.outreach;

import io.gucun.common.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP body limit is raised for partner files (streamed to disk, any size); every other body (JSON, read into
 * memory) keeps a small limit, checked here before it is read.
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
        if (request.getLength() > jsonLimit || request.getLength() < 0 && request.getHeaderString("Transfer-Encoding") != null) {
            return Response.status(413).type(Problem.MEDIA_TYPE).entity(Map.of("type", Problem.TYPE_PREFIX + "body-too-large",
                    "title", "Body too large", "status", 413,
                    "detail", "a request body other than a partner CSV file is limited to " + jsonLimit + " bytes")).build();
        }
        return null;
    }
}
