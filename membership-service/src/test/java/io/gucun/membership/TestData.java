package io.gucun.membership;

import static io.restassured.RestAssured.given;

import io.gucun.common.identity.CreditCode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.concurrent.ThreadLocalRandom;

/** Builds test data through the API, as whoever {@link ActingAs} currently names. */
public final class TestData {

    private TestData() {
    }

    /** A fresh valid Unified Social Credit Code: 91 + region 310113 + random organization code + check. */
    public static String creditCode() {
        StringBuilder org = new StringBuilder();
        int sum = 0;
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        for (int i = 0; i < 8; i++) {
            int d = ThreadLocalRandom.current().nextInt(10);
            org.append(d);
            sum += d * weights[i];
        }
        int check = 11 - sum % 11;
        org.append(check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check));
        String first17 = "91310113" + org;
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** Creates an org and returns its JSON (id, path, version, ...). */
    public static JsonPath org(long parentId, String name, String kind) {
        return org("{\"parentId\":" + parentId + ",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"}");
    }

    public static JsonPath org(String json) {
        return given().contentType(ContentType.JSON).body(json)
                .when().post("/api/membership/orgs")
                .then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath enterprise(long orgId, String name, int employees, String establishedOn) {
        return given().contentType(ContentType.JSON)
                .body("{\"creditCode\":\"" + creditCode() + "\",\"name\":\"" + name + "\",\"employeeCount\":" + employees
                        + ",\"establishedOn\":" + (establishedOn == null ? "null" : "\"" + establishedOn + "\"")
                        + ",\"orgId\":" + orgId + "}")
                .when().post("/api/membership/enterprises")
                .then().statusCode(201).extract().jsonPath();
    }
}
