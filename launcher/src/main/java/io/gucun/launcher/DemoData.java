package io.gucun.launcher;

import io.gucun.infra.keycloak.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The demo organizations that the realm's demo users are scoped to (officer.beijing at 1.2, officer.gucun
 * and worker.li at 1.3.4.5, lawyer.wang at 1.3.4). Created through the gateway as an admin would, once,
 * on an empty database; ids follow from creation order, so they match the users' org paths.
 */
public final class DemoData {

    private record DemoOrg(long id, long parentId, String name, String kind, String regionCode) {
    }

    private static final List<DemoOrg> ORGS = List.of(
            new DemoOrg(2, 1, "北京市总工会", "PROVINCE", "110000"),
            new DemoOrg(3, 1, "上海市总工会", "PROVINCE", "310000"),
            new DemoOrg(4, 3, "宝山区总工会", "DISTRICT", "310113"),
            new DemoOrg(5, 4, "顾村镇总工会", "TOWN", "310113"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoData() {
    }

    /** Returns a one-line summary of what it did. */
    public static String ensure(Stack stack) throws IOException, InterruptedException {
        String token = Tokens.password(stack.tokenUrl(), "union-app", "admin", "admin-dev");
        if (send(stack, token, "GET", "/api/membership/orgs/2", null).statusCode() == 200) {
            return "demo organizations already present";
        }
        for (DemoOrg org : ORGS) {
            String body = String.format("{\"parentId\":%d,\"name\":\"%s\",\"kind\":\"%s\",\"regionCode\":\"%s\"}",
                    org.parentId(), org.name(), org.kind(), org.regionCode());
            HttpResponse<String> r = send(stack, token, "POST", "/api/membership/orgs", body);
            if (r.statusCode() != 201) {
                return "demo organizations not created: " + r.statusCode() + " " + r.body();
            }
            if (!r.body().contains("\"id\":" + org.id() + ",")) {
                return "demo organizations created with other ids than the demo users expect (the database was not empty)";
            }
        }
        return "demo organizations created: 1.2 北京市总工会, 1.3 上海市总工会, 1.3.4 宝山区总工会, 1.3.4.5 顾村镇总工会";
    }

    private static HttpResponse<String> send(Stack stack, String token, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
