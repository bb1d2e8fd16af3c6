package io.gucun.dues;

import io.gucun.infra.test.ServiceInfraTestResource;
import io.gucun.testsupport.ServiceHealthContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The service starts on its own PostgreSQL database, applies its schema and reports ready. */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class DuesServiceHealthTest extends ServiceHealthContract {
}
