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

    /** A demo user's place in the union workforce register, matching the org path the realm gives them. */
    private record DemoAppointment(long orgId, String post, String name, String login) {
    }

    private static final List<DemoAppointment> APPOINTMENTS = List.of(
            new DemoAppointment(1, "FULL_TIME_OFFICER", "系统管理员", "admin"),
            new DemoAppointment(2, "FULL_TIME_OFFICER", "北京市总工会干部", "officer.beijing"),
            new DemoAppointment(5, "SOCIAL_WORKER", "顾村镇工会社工", "officer.gucun"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoData() {
    }

    /** Returns a one-line summary of what it did. */
    public static String ensure(Stack stack) throws IOException, InterruptedException {
        String token = Tokens.password(stack.tokenUrl(), "union-app", "admin", "admin-dev");
        if (send(stack, token, "GET", "/api/membership/orgs/2", null).statusCode() == 200) {
            return "demo organizations already present; " + ensureAppointments(stack, token);
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
        return "demo organizations created: 1.2 北京市总工会, 1.3 上海市总工会, 1.3.4 宝山区总工会, 1.3.4.5 顾村镇总工会; "
                + ensureAppointments(stack, token);
    }

    /**
     * Appoints the demo officers in the union workforce register (outreach assigns event staff and site owners only
     * from it), each once: admin at 1, officer.beijing at 1.2, officer.gucun as the social worker of 1.3.4.5.
     */
    private static String ensureAppointments(Stack stack, String token) throws IOException, InterruptedException {
        int made = 0;
        for (DemoAppointment a : APPOINTMENTS) {
            HttpResponse<String> held = send(stack, token, "GET",
                    "/api/membership/appointments?orgId=" + a.orgId() + "&login=" + a.login(), null);
            if (held.statusCode() == 200 && !held.body().contains("\"total\":0")) {
                continue;
            }
            String body = String.format("{\"orgId\":%d,\"post\":\"%s\",\"name\":\"%s\",\"login\":\"%s\","
                    + "\"termFrom\":\"2024-01-01\",\"reason\":\"demo data\"}", a.orgId(), a.post(), a.name(), a.login());
            HttpResponse<String> r = send(stack, token, "POST", "/api/membership/appointments", body);
            if (r.statusCode() != 201) {
                return "demo appointments not made: " + r.statusCode() + " " + r.body();
            }
            made++;
        }
        return made == 0 ? "demo appointments already present" : "demo appointments made: " + made;
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
