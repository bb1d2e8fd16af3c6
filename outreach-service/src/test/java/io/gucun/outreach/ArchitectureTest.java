package io.gucun.outreach;

import io.gucun.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.outreach");
    }
}
