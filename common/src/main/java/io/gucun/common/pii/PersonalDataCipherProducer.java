package io.gucun.common.pii;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the personal-data beans from {@link PersonalDataConfig}, each only when a service injects it. */
@ApplicationScoped
public class PersonalDataCipherProducer {

    @Produces
    @ApplicationScoped
    PersonalDataCipher cipher(PersonalDataConfig config) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        config.keys().forEach((id, b64) -> keys.put(id, decode(b64)));
        String active = config.activeKey().orElseThrow(() -> new IllegalStateException("gucun.pii.active-key is not set"));
        return new PersonalDataCipher(keys, active);
    }

    @Produces
    @ApplicationScoped
    BlindIndexes blindIndexes(PersonalDataConfig config) {
        Map<Integer, byte[]> roots = new LinkedHashMap<>();
        config.indexRoots().forEach((version, b64) -> roots.put(Integer.parseInt(version.trim()), decode(b64)));
        return new BlindIndexes(root(config), roots, config.indexVersion(),
                config.indexPreviousVersions().orElse(List.of()));
    }

    @Produces
    @ApplicationScoped
    MatchingKeys matchingKeys(PersonalDataConfig config) {
        return new MatchingKeys(root(config), config.partnerKeyVersions());
    }

    private static byte[] root(PersonalDataConfig config) {
        return decode(config.hashKey().orElseThrow(() -> new IllegalStateException("gucun.pii.hash-key is not set")));
    }

    private static byte[] decode(String b64) {
        return Base64.getDecoder().decode(b64.trim());
    }
}
