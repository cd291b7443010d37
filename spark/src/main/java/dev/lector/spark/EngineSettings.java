package dev.lector.spark;

import dev.lector.batch.BatchPolicy;
import dev.lector.pipeline.EngineConfig;
import java.io.Serializable;

/**
 * What an executor's engine is made from, sent with the tasks (the engine itself never travels).
 * The defaults are {@code lector ocr}'s, so a page reads the same on Spark as on the command line.
 *
 * @param threads inference workers of each executor's engine; 0 for the engine's default (the JVM's
 *                cores); set it to {@code spark.executor.cores} on a cluster node shared by executors
 */
public record EngineSettings(int threads) implements Serializable {

    public static final EngineSettings DEFAULT = new EngineSettings(0);

    public EngineSettings {
        if (threads < 0 || threads > 1024) throw new IllegalArgumentException("threads must be in 0..1024: " + threads);
    }

    /** The engine configuration: {@link EngineConfig#defaults()} with the workers set. */
    public EngineConfig engineConfig() {
        EngineConfig base = EngineConfig.defaults();
        if (threads == 0) return base;
        return base.withWorkers(threads).withRecPolicy(BatchPolicy.of(base.recPolicy().maxBatch(),
                base.recPolicy().maxDelay().toMillis(), threads));
    }
}
