package io.gucun.dues.enterprise;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.outbox.EventEnvelope;
import io.gucun.common.replica.EnterpriseReplica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import java.util.UUID;

/** Enterprises as membership's events describe them, applied without waiting for Kafka; and valid credit codes. */
public final class EnterpriseFixtures {

    private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private EnterpriseFixtures() {
    }

    /** A valid Unified Social Credit Code, different for every {@code n}. */
    public static String creditCode(long n) {
        String digits = String.format("%08d", n % 100_000_000L);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * ORG_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        String org = digits + (check == 10 ? "X" : check == 11 ? "0" : Integer.toString(check));
        String first17 = "91310113" + org;
        String code = first17 + CreditCode.checkCharacter(first17);
        if (!CreditCode.isValid(code)) {
            throw new IllegalStateException("generated an invalid code " + code);
        }
        return code;
    }

    public static void registered(long enterpriseId, String creditCode, long orgId, int employees) {
        apply("EnterpriseRegistered", Map.of("enterpriseId", enterpriseId, "creditCode", creditCode, "name", "企业" + enterpriseId,
                "orgId", orgId, "orgPath", "ignored", "employeeCount", employees));
    }

    public static void unionFounded(long enterpriseId, String creditCode, long unionOrgId, String unionPath) {
        apply("UnionFounded", Map.of("enterpriseId", enterpriseId, "creditCode", creditCode, "unionOrgId", unionOrgId,
                "orgPath", unionPath, "foundedAt", "2025-05-01T02:00:00Z"));
    }

    static void apply(String type, Map<String, Object> data) {
        EnterpriseReplica replica = CDI.current().select(EnterpriseReplica.class).get();
        ObjectMapper mapper = CDI.current().select(ObjectMapper.class).get();
        EventEnvelope event = new EventEnvelope(UUID.randomUUID().toString(), "io.gucun.membership." + type, null,
                mapper.valueToTree(data));
        QuarkusTransaction.requiringNew().run(() -> replica.events().apply("dues-test", event));
    }
}
