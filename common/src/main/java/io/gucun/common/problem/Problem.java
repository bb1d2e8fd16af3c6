package io.gucun.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 9457 problem document. {@code type} is a stable, machine-readable URN clients can switch on;
 * {@code errors} names each offending field; {@code extensions} carries problem-specific members
 * (e.g. the existing member's id on a duplicate registration).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:gucun:problem:";
    static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "requestId", "errors");

    public Problem {
        // An extension named like a member would be written twice, and a client would read whichever came last
        // (a "status" of "CANCELLED" where the HTTP status belongs).
        if (extensions != null) {
            for (String name : extensions.keySet()) {
                if (MEMBERS.contains(name)) {
                    throw new IllegalArgumentException("problem extension '" + name + "' would hide the member of that name");
                }
            }
        }
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }
}
