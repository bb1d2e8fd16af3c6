package io.gucun.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.problem.FieldError;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParameterCheckTest {

    enum Kind { TOWN, ENTERPRISE }

    @SuppressWarnings("unused")
    static class Resource {
        public Object list(@PathParam("id") long id, @PathParam("ref") UUID ref, @QueryParam("page") Integer page,
                           @QueryParam("active") Boolean active, @QueryParam("kind") Kind kind,
                           @QueryParam("since") LocalDate since, @QueryParam("q") String q,
                           @HeaderParam("X-Count") Integer count) {
            return null;
        }
    }

    private static List<FieldError> errors(Map<String, String> path, Map<String, String> query) throws Exception {
        Method list = Resource.class.getMethod("list", long.class, UUID.class, Integer.class, Boolean.class, Kind.class,
                LocalDate.class, String.class, Integer.class);
        return ParameterCheck.errors(ParameterCheck.declared(list), path::get, query::get);
    }

    @Test
    void wellFormedOrAbsentValuesPass() throws Exception {
        assertThat(errors(Map.of("id", "12", "ref", "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                Map.of("page", "3", "active", "FALSE", "kind", "TOWN", "since", "2026-01-31", "q", "anything"))).isEmpty();
        assertThat(errors(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void eachMalformedValueIsNamedWithWhatItMustBe() throws Exception {
        assertThat(errors(Map.of("id", "abc", "ref", "not-a-uuid"),
                Map.of("page", "x", "active", "yes", "kind", "village", "since", "31.01.2026")))
                .containsExactly(
                        new FieldError("id", "must be a whole number"),
                        new FieldError("ref", "must be a UUID"),
                        new FieldError("page", "must be a whole number"),
                        new FieldError("active", "must be true or false"),
                        new FieldError("kind", "must be one of [TOWN, ENTERPRISE]"),
                        new FieldError("since", "must be a date like 2026-01-31"));
    }

    @Test
    void valuesTheConversionWouldRefuseAreRefusedHereToo() throws Exception {
        // Integer.valueOf refuses surrounding blanks, an empty value and a number past the type's range.
        for (String bad : new String[] {" 1", "", "99999999999", "1.0"}) {
            assertThat(errors(Map.of(), Map.of("page", bad))).extracting(FieldError::field).containsExactly("page");
        }
        assertThat(errors(Map.of("id", "99999999999999999999"), Map.of())).extracting(FieldError::field).containsExactly("id");
    }

    @Test
    void headersAndTextParametersAreNotItsBusiness() throws Exception {
        Method list = Resource.class.getMethod("list", long.class, UUID.class, Integer.class, Boolean.class, Kind.class,
                LocalDate.class, String.class, Integer.class);
        assertThat(ParameterCheck.declared(list)).extracting(ParameterCheck.Declared::name)
                .containsExactly("id", "ref", "page", "active", "kind", "since");
    }
}
