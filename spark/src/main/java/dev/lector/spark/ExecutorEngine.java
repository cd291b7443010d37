package dev.lector.spark;

import dev.lector.pipeline.OcrEngine;

/**
 * The one {@link OcrEngine} of this JVM (a Spark executor, or the driver in local mode): opened by
 * the first task that needs it, shared by every task thread after it (the engine is thread-safe
 * and keeps its own inference workers), closed by a JVM shutdown hook. ONNX Runtime allows one
 * environment per process, and one set of models per executor is what the memory budget assumes.
 */
public final class ExecutorEngine {

    private static final System.Logger LOG = System.getLogger(ExecutorEngine.class.getName());

    private static OcrEngine engine;
    private static EngineSettings settings;

    private ExecutorEngine() {}

    /**
     * This JVM's engine, opened with {@code wanted} on first use.
     *
     * @throws IllegalStateException when the engine is already open with other settings (one
     *         engine per JVM: run jobs with other settings in another application)
     */
    public static synchronized OcrEngine get(EngineSettings wanted) {
        if (engine == null) {
            long t0 = System.nanoTime();
            OcrEngine opened = OcrEngine.open(wanted.engineConfig());
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorEngine::close, "lector-engine-close"));
            engine = opened;
            settings = wanted;
            LOG.log(System.Logger.Level.INFO, "Lector engine open in {0} ms ({1} workers)",
                    (System.nanoTime() - t0) / 1_000_000, opened.config().workers());
        } else if (!settings.equals(wanted)) {
            throw new IllegalStateException("this JVM's Lector engine was opened with " + settings + ", not " + wanted
                    + ": one engine per executor, so run jobs with other engine settings in another application");
        }
        return engine;
    }

    /** Closes this JVM's engine if one is open (the shutdown hook; idempotent). */
    static synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
            settings = null;
        }
    }
}
