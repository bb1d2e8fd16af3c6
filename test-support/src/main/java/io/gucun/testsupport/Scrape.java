package io.gucun.testsupport;

import static io.restassured.RestAssured.given;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The app's Prometheus scrape ({@code /q/metrics}), as the alert rules and dashboard in deploy/observability read it. */
public record Scrape(String text) {

    public static Scrape now() {
        return new Scrape(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the first series named {@code metric} (any labels), if exported. */
    public OptionalDouble value(String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$").matcher(text);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(2))) : OptionalDouble.empty();
    }
}
