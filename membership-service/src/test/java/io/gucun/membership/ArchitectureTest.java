package io.gucun.membership;

import io.gucun.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.membership");
    }
}
