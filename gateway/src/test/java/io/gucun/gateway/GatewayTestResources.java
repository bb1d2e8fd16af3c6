package io.gucun.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** The one set of test resources every gateway test shares (so Quarkus boots once): fake services and a fake OIDC server. */
@WithTestResource(value = FakeUpstreams.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.GLOBAL)
final class GatewayTestResources {

    private GatewayTestResources() {
    }
}
