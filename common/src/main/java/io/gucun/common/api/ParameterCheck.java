package io.gucun.common.api;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A path or query parameter that does not convert to its declared type ({@code ?page=x}, {@code /orgs/abc}) is a 400
 * problem naming the parameter, on every operation of every service. Left to itself Quarkus REST answers a failed
 * path or query conversion with a bare 404 (as JAX-RS prescribes) that names nothing. This filter runs after the
 * request is matched to its method and before the parameters are converted, and tries each raw value with the parser
 * the conversion would use, so a value it lets through converts.
 */
public class ParameterCheck {

    /** How one declared type is parsed, and what a client is told when the value is not of it. */
    record Parser(Function<String, ?> parse, String expected) {
    }

    private static final Map<Class<?>, Parser> PARSERS = Map.ofEntries(
            Map.entry(Integer.class, new Parser(Integer::valueOf, "must be a whole number")),
            Map.entry(int.class, new Parser(Integer::valueOf, "must be a whole number")),
            Map.entry(Long.class, new Parser(Long::valueOf, "must be a whole number")),
            Map.entry(long.class, new Parser(Long::valueOf, "must be a whole number")),
            Map.entry(Short.class, new Parser(Short::valueOf, "must be a whole number")),
            Map.entry(short.class, new Parser(Short::valueOf, "must be a whole number")),
            // Boolean.valueOf would read "yes" as false; a typo should not silently flip a filter.
            Map.entry(Boolean.class, new Parser(ParameterCheck::strictBoolean, "must be true or false")),
            Map.entry(boolean.class, new Parser(ParameterCheck::strictBoolean, "must be true or false")),
            Map.entry(BigDecimal.class, new Parser(BigDecimal::new, "must be a decimal number")),
            Map.entry(UUID.class, new Parser(UUID::fromString, "must be a UUID")),
            Map.entry(LocalDate.class, new Parser(LocalDate::parse, "must be a date like 2026-01-31")),
            Map.entry(LocalDateTime.class, new Parser(LocalDateTime::parse, "must be a local time like 2026-01-31T10:00:00")),
            Map.entry(OffsetDateTime.class, new Parser(OffsetDateTime::parse,
                    "must be a time with offset like 2026-11-24T10:00:00+08:00")),
            Map.entry(Instant.class, new Parser(Instant::parse, "must be a UTC time like 2026-11-24T02:00:00Z")));

    /** One path or query parameter of a resource method whose type needs converting. */
    record Declared(String name, boolean inPath, Parser parser) {
    }

    private static final Map<Method, List<Declared>> BY_METHOD = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        var uri = request.getUriInfo();
        List<FieldError> errors = errors(BY_METHOD.computeIfAbsent(method, ParameterCheck::declared),
                name -> uri.getPathParameters().getFirst(name), name -> uri.getQueryParameters().getFirst(name));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** The parameters of {@code method} that arrive as path or query text and convert to a type we can check. */
    static List<Declared> declared(Method method) {
        List<Declared> declared = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            Parser parser = parser(types[i]);
            if (parser == null) {
                continue;
            }
            for (Annotation a : annotations[i]) {
                if (a instanceof PathParam p) {
                    declared.add(new Declared(p.value(), true, parser));
                } else if (a instanceof QueryParam q) {
                    declared.add(new Declared(q.value(), false, parser));
                }
            }
        }
        return List.copyOf(declared);
    }

    /** Each parameter present whose value does not parse, named, in declaration order. */
    static List<FieldError> errors(List<Declared> declared, UnaryOperator<String> pathValue, UnaryOperator<String> queryValue) {
        List<FieldError> errors = new ArrayList<>();
        for (Declared d : declared) {
            String raw = d.inPath() ? pathValue.apply(d.name()) : queryValue.apply(d.name());
            if (raw == null) {
                continue;
            }
            try {
                d.parser().parse().apply(raw);
            } catch (RuntimeException e) {
                errors.add(new FieldError(d.name(), d.parser().expected()));
            }
        }
        return errors;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Parser parser(Class<?> type) {
        if (type.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            return new Parser(raw -> Enum.valueOf(enumType, raw),
                    "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
        return PARSERS.get(type);
    }

    private static Boolean strictBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
