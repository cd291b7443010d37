package dev.lector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The detector's threads a run: the workers' share of the detections that may run at once. */
class DetectorThreadsTest {

    @Test
    void eachDetectionGetsItsShareOfTheWorkers() {
        EngineConfig d = EngineConfig.defaults();
        assertThat(EngineFactory.detectorThreads(d.withWorkers(2).withDetConcurrency(1))).isEqualTo(2);
        assertThat(EngineFactory.detectorThreads(d.withWorkers(1).withDetConcurrency(1))).isEqualTo(1);
        assertThat(EngineFactory.detectorThreads(d.withWorkers(16).withDetConcurrency(8))).isEqualTo(2);
        assertThat(EngineFactory.detectorThreads(d.withWorkers(8).withDetConcurrency(1))).isEqualTo(8);
        assertThat(EngineFactory.detectorThreads(d.withWorkers(3).withDetConcurrency(2))).isEqualTo(1);
        assertThat(EngineFactory.detectorThreads(d.withWorkers(2).withDetConcurrency(4))).as("more detections than workers").isEqualTo(1);
        assertThat(EngineFactory.detectorThreads(d.withWorkers(2).withDetConcurrency(1).withDetThreads(1))).as("as configured").isEqualTo(1);
        assertThat(EngineFactory.detectorThreads(d.withDetThreads(3))).isEqualTo(3);
    }
}
