package io.gucun.membership;

import io.gucun.common.architecture.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.membership");
    }
}
