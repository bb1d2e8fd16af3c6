package io.gucun.rights;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** Small REST helpers for the rights API tests. */
public final class Api {

    public static final String BASE = "/api/rights";

    private Api() {
    }

    public static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(BASE + path).then().log().ifValidationFails();
    }

    public static ValidatableResponse post(String path) {
        return post(path, Map.of());
    }

    public static ValidatableResponse get(String path) {
        return given().when().get(BASE + path).then().log().ifValidationFails();
    }

    /** A case report of {@code workers} affected workers against the enterprise, at the reporting org. */
    public static Map<String, Object> newCase(long reportingOrgId, String creditCode, int workers) {
        return Map.of("category", "WAGE_ARREARS", "summary", "公司拖欠 10 月工资", "reportingOrgId", reportingOrgId,
                "enterpriseCreditCode", creditCode, "workersAffected", workers, "reporterAnonymous", true);
    }

    /** Reports a case as whoever acts now; returns its id. */
    public static long report(long reportingOrgId, String creditCode, int workers) {
        return post("/cases", newCase(reportingOrgId, creditCode, workers)).statusCode(201).extract().jsonPath().getLong("id");
    }
}
