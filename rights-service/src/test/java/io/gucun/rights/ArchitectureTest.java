package io.gucun.rights;

import io.gucun.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.rights");
    }
}
