package io.gucun.dues;

import io.gucun.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.dues");
    }
}
