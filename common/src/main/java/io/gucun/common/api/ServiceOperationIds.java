package io.gucun.common.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Names the operations of the API parts written once in common (partner webhooks, change feeds) after the service
 * that serves them: an operationId with {@link #SERVICE} in it becomes, in membership-service, e.g.
 * {@code registerMembershipWebhook}. Operation ids must stay distinct across the services' documents (clients and the
 * authorization matrix name operations by them), so a shared resource cannot carry a literal one.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ServiceOperationIds implements OASFilter {

    /** Placeholder for the service's name, capitalized ({@code gucun.service.name}: membership → Membership). */
    public static final String SERVICE = "{Service}";

    private final String service;

    public ServiceOperationIds() {
        String name = ConfigProvider.getConfig().getOptionalValue("gucun.service.name", String.class).orElse("");
        this.service = name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public Operation filterOperation(Operation operation) {
        String id = operation.getOperationId();
        if (id != null && id.contains(SERVICE)) {
            if (service.isEmpty()) {
                throw new IllegalStateException("gucun.service.name is not set: cannot name operation " + id);
            }
            operation.setOperationId(id.replace(SERVICE, service));
        }
        return operation;
    }
}
