package io.gucun.rights;

import io.gucun.common.architecture.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.rights");
    }
}
