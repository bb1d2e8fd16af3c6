package io.gucun.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}: field-level errors for bad input, no stack
 * traces, and a 500 only for faults of ours (logged with an id the client can quote).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String REQUEST_ID = "X-Request-Id";
    /** SQLSTATE lock_not_available: the datasource's {@code lock_timeout} ran out (or a NOWAIT lock was taken). */
    static final String LOCK_TIMEOUT = "55P03";
    static final String DEADLOCK = "40P01";
    static final String SERIALIZATION_FAILURE = "40001";
    /** SQLSTATE query_canceled: the datasource's {@code statement_timeout} ran out. */
    static final String QUERY_CANCELED = "57014";
    static final int BUSY_RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        return respond(new Problem(Problem.TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(),
                path(uri), requestId(headers), e.errors(), e.extensions()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        String detail = errors.size() == 1 ? errors.getFirst().field() + " " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return respond(new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400, detail, path(uri),
                requestId(headers), errors, null));
    }

    // Listed one by one: Quarkus REST ships mappers for the specific Jackson types, and the most specific type wins.
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, JsonMappingException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "";
        String detail = field.isEmpty() ? "the request body is not valid JSON"
                : field + " has the wrong type or format";
        List<FieldError> errors = field.isEmpty() ? List.of() : List.of(new FieldError(field, "has the wrong type or format"));
        return respond(new Problem(Problem.TYPE_PREFIX + "malformed-body", "Malformed request body", 400, detail,
                path(uri), requestId(headers), errors, null));
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response staleWrite(Exception e, UriInfo uri, HttpHeaders headers) {
        return respond(new Problem(Problem.TYPE_PREFIX + "concurrent-modification", "Conflict", 409,
                "the resource was changed by someone else; read it again and retry", path(uri), requestId(headers),
                null, null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(Exception e, UriInfo uri, HttpHeaders headers) {
        return Response.fromResponse(respond(new Problem(Problem.TYPE_PREFIX + "unauthorized", "Unauthorized", 401,
                        "a valid bearer token is required", path(uri), requestId(headers), null, null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return respond(new Problem(Problem.TYPE_PREFIX + "forbidden", "Forbidden", 403,
                "your role or organization scope does not allow this", path(uri), requestId(headers), null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info == null ? "Error" : info.getReasonPhrase();
        String slug = title.toLowerCase().replace(' ', '-');
        String detail = status == 404 ? "no such resource: " + path(uri) : title;
        Response built = respond(new Problem(Problem.TYPE_PREFIX + slug, title, status, detail, path(uri),
                requestId(headers), null, null));
        Response.ResponseBuilder copy = Response.fromResponse(built);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(v -> copy.header(name, v));
            }
        });
        return copy.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (staleWriteIn(e)) {
            // Found at commit, the stale write arrives wrapped (RollbackException inside the interceptor's
            // ArcUndeclaredThrowableException), out of reach of the mapper for the exception itself.
            return staleWrite(null, uri, headers);
        }
        String sqlState = sqlState(e);
        if (LOCK_TIMEOUT.equals(sqlState) || DEADLOCK.equals(sqlState) || SERIALIZATION_FAILURE.equals(sqlState)) {
            // lock_timeout ran out (another transaction held a row or lock this request needed), or the database chose
            // this transaction as a deadlock's or serialization conflict's victim: rolled back, nothing written, and the
            // same request a moment later goes through. Transient: a 503 the client may retry, not a fault of ours.
            LOG.infof("database busy on %s: SQLSTATE %s", path(uri), sqlState);
            return Response.fromResponse(respond(new Problem(Problem.TYPE_PREFIX + "database-busy", "Service Unavailable", 503,
                            "another request was using the same data; nothing was changed. Try again in a moment",
                            path(uri), requestId(headers), null, null)))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(BUSY_RETRY_AFTER_SECONDS)).build();
        }
        if (QUERY_CANCELED.equals(sqlState)) {
            // statement_timeout: the statement ran longer than the datasource allows API work to run. Repeating the
            // same request is unlikely to help unless the database was overloaded, so no Retry-After.
            LOG.warnf("statement timeout on %s: SQLSTATE %s", path(uri), sqlState);
            return respond(new Problem(Problem.TYPE_PREFIX + "statement-timeout", "Service Unavailable", 503,
                    "the request took longer than the database allows and was cancelled; nothing was changed. Narrow it "
                            + "(a smaller page, a shorter period or subtree) or try again later",
                    path(uri), requestId(headers), null, null));
        }
        if (sqlState != null && sqlState.startsWith("22")) {
            // A data exception of the database (SQLSTATE class 22): a value that got past validation but cannot be
            // stored as sent — a NUL character in text, a string longer than its column, a number out of range. The
            // client's input, not a fault of ours; the database's message may quote the input, so it is not passed on.
            LOG.infof("value refused by the database on %s: SQLSTATE %s", path(uri), sqlState);
            return respond(new Problem(Problem.TYPE_PREFIX + "unstorable-value", "Invalid request", 400,
                    "a value cannot be stored as sent (e.g. a NUL character, text too long, a number out of range)",
                    path(uri), requestId(headers), null, null));
        }
        if (sqlState != null && sqlState.startsWith("23")) {
            // An integrity constraint (SQLSTATE class 23) that a concurrent request or a stale reference broke.
            LOG.infof("constraint violated on %s: SQLSTATE %s", path(uri), sqlState);
            return respond(new Problem(Problem.TYPE_PREFIX + "conflict", "Conflict", 409,
                    "the request conflicts with what is stored (written at the same time by another request, or naming "
                            + "something that is gone); read again and retry", path(uri), requestId(headers), null, null));
        }
        String errorId = UUID.randomUUID().toString();
        // The exception type and stack go to the log only; messages may quote input, so they are not logged.
        LOG.errorf("unexpected error %s on %s: %s", errorId, path(uri), e.getClass().getName());
        LOG.debug("stack of " + errorId, e);
        return respond(new Problem(Problem.TYPE_PREFIX + "internal", "Internal error", 500,
                "an unexpected error occurred; quote error id " + errorId, path(uri), requestId(headers), null,
                java.util.Map.of("errorId", errorId)));
    }

    /** Whether an optimistic-lock failure (a version that moved since the read) is among the causes. */
    static boolean staleWriteIn(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of the first {@link java.sql.SQLException} in the chain of causes (or next exceptions), or null. */
    static String sqlState(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                int hops = 0;
                for (java.sql.SQLException s = sql; s != null && hops++ < 10; s = s.getNextException()) {
                    if (s.getSQLState() != null) {
                        return s.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String requestId(HttpHeaders headers) {
        return headers == null ? null : requestId(headers.getHeaderString(REQUEST_ID));
    }

    static String requestId(String id) {
        return id != null && id.matches("[A-Za-z0-9._-]{1,64}") ? id : null;
    }

    /**
     * A request-body field is named by its property path ({@code address.city}); a query or path
     * parameter by the parameter's name. The method and body-parameter nodes in front are noise.
     */
    static String fieldName(Path path) {
        String parameter = "";
        List<String> properties = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    // A node's index or key says where it sits in the container named by the node before it:
                    // attachments[0].sha256, tags[2].
                    String position = node.getIndex() != null ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    if (!position.isEmpty()) {
                        if (properties.isEmpty()) {
                            properties.add(parameter + position);
                        } else {
                            properties.set(properties.size() - 1, properties.getLast() + position);
                        }
                    }
                    String name = node.getName();
                    // Container elements (<list element>, <map value>) have no name of their own.
                    if (name != null && !name.isEmpty() && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                        properties.add(name);
                    }
                }
            }
        }
        return properties.isEmpty() ? parameter : String.join(".", properties);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
