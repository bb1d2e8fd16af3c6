package io.gucun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The verdicts against issue 24's targets, and the CPU share arithmetic every figure reports. */
class TargetsTest {

    @Test
    void readThroughTheGatewayNeedsFifteenPercentOfSelectOnlyAndNoErrors() {
        assertThat(Targets.p1(0.15, 0)).isTrue();
        assertThat(Targets.p1(0.149, 0)).isFalse();
        assertThat(Targets.p1(0.5, 1)).isFalse();
        assertThat(Targets.p1(Double.NaN, 0)).isFalse();
    }

    @Test
    void theGatewayKeepsEightyPercentAndAddsAtMostHalfAMillisecond() {
        assertThat(Targets.p2Throughput(0.8, 0)).isTrue();
        assertThat(Targets.p2Throughput(0.79, 0)).isFalse();
        assertThat(Targets.p2Latency(0.5, 0)).isTrue();
        assertThat(Targets.p2Latency(0.51, 0)).isFalse();
        assertThat(Targets.p2Latency(-0.1, 0)).isTrue();
        assertThat(Targets.p2Latency(0.1, 3)).isFalse();
    }

    @Test
    void registrationNeedsTenPercentOfTpcBAndMustNotFallWithConcurrency() {
        assertThat(Targets.p3Share(0.10, 0)).isTrue();
        assertThat(Targets.p3Share(0.09, 0)).isFalse();
        // the issue's own finding: 328/s at 2 connections, 133/s at 8
        assertThat(Targets.p3Scaling(133, 328, 0)).isFalse();
        assertThat(Targets.p3Scaling(328, 328, 0)).isTrue();
        assertThat(Targets.p3Scaling(400, 328, 1)).isFalse();
    }

    @Test
    void subsidyLatencyNeedsEveryJoinPostedInTime() {
        assertThat(Targets.p4(250, 0, 0, 0)).isTrue();
        assertThat(Targets.p4(251, 0, 0, 0)).isFalse();
        assertThat(Targets.p4(100, 1, 0, 0)).isFalse();
        assertThat(Targets.p4(100, 0, 1, 0)).isFalse();
        assertThat(Targets.p4(100, 0, 0, 1)).isFalse();
    }

    @Test
    void startAndFootprint() {
        assertThat(Targets.p7App(3.0, 200)).isTrue();
        assertThat(Targets.p7App(3.01, 150)).isFalse();
        assertThat(Targets.p7App(2.0, 201)).isFalse();
        assertThat(Targets.p7Stack(45)).isTrue();
        assertThat(Targets.p7Stack(45.1)).isFalse();
    }

    @Test
    void cpuShareIsCpuTimeOverWallTimeTimesCores() {
        assertThat(CpuShare.share(1.0, 10, 2)).isCloseTo(0.05, within(1e-12));
        assertThat(CpuShare.share(4.0, 2, 2)).isCloseTo(1.0, within(1e-12));
        assertThat(CpuShare.share(1.0, 0, 2)).isNaN();
        assertThat(CpuShare.share(Double.NaN, 10, 2)).isNaN();
        assertThat(CpuShare.ticksToSeconds(41, 100)).isCloseTo(0.41, within(1e-12));
        assertThat(new CpuShare("wrk", 0.8, 10, 2).text()).isEqualTo("wrk, 4.00% of 2 cores");
        assertThat(new CpuShare("wrk", 6, 10, 2).text()).isEqualTo("wrk, 30% of 2 cores");
    }
}
