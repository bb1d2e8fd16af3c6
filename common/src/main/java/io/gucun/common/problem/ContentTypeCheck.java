package io.gucun.common.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A Content-Type that is no media type at all ({@code garbage}) made the server fail while it chose between the
 * methods of one path by what they consume: a 500 on the event loop. It is refused before matching, as a 415.
 */
public class ContentTypeCheck {

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || parses(type)) {
            return null;
        }
        return ProblemMappers.respond(new Problem(Problem.TYPE_PREFIX + "unsupported-media-type", "Unsupported Media Type", 415,
                "the Content-Type header is not a media type (type/subtype)", request.getUriInfo().getPath(),
                ProblemMappers.requestId(request.getHeaderString(ProblemMappers.REQUEST_ID)), null, null));
    }

    static boolean parses(String type) {
        try {
            MediaType parsed = MediaType.valueOf(type);
            return !parsed.getType().isBlank() && !parsed.getSubtype().isBlank();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
