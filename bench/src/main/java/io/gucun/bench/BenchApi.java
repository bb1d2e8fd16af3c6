package io.gucun.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.gucun.infra.keycloak.Tokens;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the figures share: the admin's real Keycloak token, the requests they send, and fresh real-name identities.
 * Registrations go to the demo town federation (org 5, 1.3.4.5 顾村镇总工会), so each admission earns the district
 * and town subsidy in dues.
 */
public final class BenchApi {

    public static final long TOWN_ORG = 5;

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final int DAYS = 30 * 365;
    /** One sequence for the whole run: every registration is a different person (10,950 days × 1,000 numbers). */
    private static final AtomicLong NEXT_PERSON = new AtomicLong();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Stack stack;
    private String adminToken;

    public BenchApi(Stack stack) {
        this.stack = stack;
    }

    public Stack stack() {
        return stack;
    }

    /** The admin's access token (whole tree); fetched once. Keycloak's default lifetime outlasts every figure. */
    public synchronized String admin() {
        if (adminToken == null) {
            adminToken = Tokens.password(stack.tokenUrl(), "union-app", "admin", "admin-dev");
        }
        return adminToken;
    }

    public HttpRequest get(String base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + admin())
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** POST /members as the admin: registration with on-site admission into {@link #TOWN_ORG}. */
    public HttpRequest registration(String base) {
        String body = String.format("""
                {"idNumber":"%s","name":"压测","mobile":"%s","employmentForm":"PLATFORM_GIG","occupationCategory":"COURIER","orgId":%d}""",
                nextResidentId(), mobile(), TOWN_ORG);
        return HttpRequest.newBuilder(URI.create(base + "/api/membership/members"))
                .header("Authorization", "Bearer " + admin()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** Registers one member through the gateway and returns its id. */
    public long registerOne() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(registration(stack.gatewayUrl()), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + r.statusCode() + ": " + r.body());
        }
        return memberId(r.body());
    }

    static long memberId(String registrationAnswer) throws IOException {
        JsonNode id = Raw.JSON.readTree(registrationAnswer).at("/member/id");
        if (!id.canConvertToLong()) {
            throw new IllegalStateException("no member id in the registration's answer");
        }
        return id.asLong();
    }

    /** GET with the admin token; the answer's status. */
    public int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + admin())
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Writes the next {@code count} resident ID numbers of the run to {@code file}, one a line, for wrk's registration
     * script (wrk/register.lua), and returns the file.
     */
    public static Path residentIds(Path file, int count) throws IOException {
        long first = NEXT_PERSON.getAndAdd(count);
        StringBuilder b = new StringBuilder(count * 19);
        for (long n = first; n < first + count; n++) {
            b.append(residentId(n)).append('\n');
        }
        Files.writeString(file, b);
        return file;
    }

    /** A valid resident ID number (GB 11643), a different person each call within the run. */
    public static String nextResidentId() {
        return residentId(NEXT_PERSON.getAndIncrement());
    }

    /** The n-th distinct Baoshan (310113) resident born 1970–1999: the birth day cycles, the sequence number counts. */
    static String residentId(long n) {
        LocalDate born = LocalDate.of(1970, 1, 1).plusDays(n % DAYS);
        String first17 = "310113" + born.toString().replace("-", "") + String.format("%03d", (n / DAYS) % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return first17 + ID_CHECK[sum % 11];
    }

    private static String mobile() {
        return "138" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
