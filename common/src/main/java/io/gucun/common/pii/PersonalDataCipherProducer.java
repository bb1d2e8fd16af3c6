package io.gucun.common.pii;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

@ApplicationScoped
public class PersonalDataCipherProducer {

    @Produces
    @ApplicationScoped
    PersonalDataCipher cipher(PersonalDataConfig config) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        config.keys().forEach((id, b64) -> keys.put(id, Base64.getDecoder().decode(b64.trim())));
        String active = config.activeKey().orElseThrow(() -> new IllegalStateException("gucun.pii.active-key is not set"));
        String hashKey = config.hashKey().orElseThrow(() -> new IllegalStateException("gucun.pii.hash-key is not set"));
        return new PersonalDataCipher(keys, active, Base64.getDecoder().decode(hashKey.trim()));
    }
}
