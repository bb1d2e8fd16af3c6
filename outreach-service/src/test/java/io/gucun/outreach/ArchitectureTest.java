package io.gucun.outreach;

import io.gucun.common.architecture.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.outreach");
    }
}
