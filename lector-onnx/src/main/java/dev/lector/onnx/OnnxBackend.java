package dev.lector.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lector.backend.Device;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.InferenceException;
import dev.lector.backend.ModelSession;
import dev.lector.backend.ModelSource;
import dev.lector.backend.Sha256;
import dev.lector.backend.Tensor;
import dev.lector.onnx.graph.ModelRewriter;
import dev.lector.onnx.graph.PointwiseConvQuantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads ONNX models for one device. Owns every session it loaded and closes them on {@link #close()}.
 * A GPU device whose provider fails to attach at load time falls back to the CPU and records why.
 * With graph rewriting on, each model is loaded as {@link ModelRewriter} rewrote it; should ONNX
 * Runtime refuse the rewritten graph, the model is loaded as it was.
 */
final class OnnxBackend implements InferenceBackend {

    private static final System.Logger LOG = System.getLogger(OnnxBackend.class.getName());
    /** INT8 weight range; {@code -Dlector.int8.weightMax=63} forces the reduced range (see README). */
    /**
     * Least share of output rows (rec: time steps) on which the INT8 model must pick the float
     * model's class: PP-OCRv4 rec scores ~0.98 on drawn lines, PP-OCRv3 rec ~0.71 (and reads
     * nothing in INT8).
     */
    static final double MIN_INT8_AGREEMENT = 0.95;
    private static final int WEIGHT_MAX = Integer.getInteger("lector.int8.weightMax", PointwiseConvQuantizer.weightMaxForThisCpu());

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Device requested;
    private volatile Device device;
    private volatile String fallbackReason;
    private final boolean rewriteGraphs;
    private final List<OnnxModelSession> sessions = new ArrayList<>();
    private boolean closed;

    OnnxBackend(Device device, Device requested, String fallbackReason, boolean rewriteGraphs) {
        this.device = device;
        this.rewriteGraphs = rewriteGraphs;
        this.requested = requested == null ? device : requested;
        this.fallbackReason = fallbackReason;
    }

    @Override
    public String name() {
        return OnnxBackendProvider.NAME;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public String fallbackReason() {
        return fallbackReason;
    }

    @Override
    public ModelSession load(ModelSource source) {
        return loadQuantized(source, List.of());
    }

    /** INT8 pointwise convolutions on the CPU ({@link PointwiseConvQuantizer}); on a GPU the float model. */
    @Override
    public synchronized ModelSession loadQuantized(ModelSource source, List<Tensor> calibration) {
        if (closed) throw new IllegalStateException("backend is closed");
        byte[] bytes;
        try {
            bytes = source.readAllBytes();
        } catch (IOException e) {
            throw new InferenceException("cannot read model " + source.name() + ": " + e.getMessage(), e);
        }
        Loaded session;
        try {
            session = createRewritten(bytes, device, calibration);
        } catch (OrtException e) {
            if (device instanceof Device.Cpu) {
                throw new InferenceException("ONNX Runtime cannot load model " + source.name() + ": " + e.getMessage(), e);
            }
            fallbackReason = "could not attach " + device + " (" + e.getMessage() + "); running on the CPU";
            device = new Device.Cpu(1);
            try {
                session = createRewritten(bytes, device, List.of());
            } catch (OrtException e2) {
                throw new InferenceException("ONNX Runtime cannot load model " + source.name() + ": " + e2.getMessage(), e2);
            }
        }
        OnnxModelSession s = new OnnxModelSession(env, session.session(), source.name(), Sha256.hex(bytes),
                session.int8() ? "int8" : "fp32");
        sessions.add(s);
        return s;
    }

    private record Loaded(OrtSession session, boolean int8) {
    }

    private Loaded createRewritten(byte[] model, Device target, List<Tensor> calibration) throws OrtException {
        byte[] loaded = model;
        OrtSession session = null;
        if (rewriteGraphs) {
            ModelRewriter.Result r = ModelRewriter.rewrite(model);
            if (r.skipped() == null) {
                try {
                    session = create(r.model(), target);
                    loaded = r.model();
                } catch (OrtException e) {
                    // a rewrite ONNX Runtime rejects is a Lector bug; the original still runs
                    LOG.log(System.Logger.Level.WARNING, "ONNX Runtime rejected the rewritten graph ({0}); loading the model unchanged",
                            e.getMessage());
                }
            }
        }
        if (session == null) session = create(model, target);
        if (calibration.size() > 1 && target instanceof Device.Cpu) {
            OrtSession int8 = quantizedIfFaithful(loaded, session, calibration, target);
            if (int8 != null) {
                session.close();
                return new Loaded(int8, true);
            }
        }
        return new Loaded(session, false);
    }

    /**
     * A session of the INT8 model, calibrated on the first three quarters of {@code inputs}, if on
     * the last quarter its argmax agrees with {@code floatSession}'s on at least
     * {@value #MIN_INT8_AGREEMENT} of the output rows; else null (logged), and the float model runs.
     */
    private OrtSession quantizedIfFaithful(byte[] model, OrtSession floatSession, List<Tensor> inputs, Device target) {
        int split = Math.max(1, inputs.size() * 3 / 4);
        PointwiseConvQuantizer.Result q = PointwiseConvQuantizer.quantize(model, inputs.subList(0, split), WEIGHT_MAX);
        if (q.skipped() != null) {
            LOG.log(System.Logger.Level.INFO, "not quantised: {0}", q.skipped());
            return null;
        }
        OrtSession int8;
        try {
            int8 = create(q.model(), target);
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "ONNX Runtime rejected the INT8 graph ({0}); running the model in float",
                    e.getMessage());
            return null;
        }
        try {
            double agreement = PointwiseConvQuantizer.argmaxAgreement(floatSession, int8, inputs.subList(split, inputs.size()));
            if (agreement >= MIN_INT8_AGREEMENT) return int8;
            LOG.log(System.Logger.Level.WARNING, "INT8 model agrees with the float one on only {0} of output rows "
                    + "(needs {1}); running it in float", String.format("%.3f", agreement), MIN_INT8_AGREEMENT);
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "INT8 check failed ({0}); running the model in float", e.getMessage());
        }
        try {
            int8.close();
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the unused INT8 session failed: {0}", e.getMessage());
        }
        return null;
    }

    private OrtSession create(byte[] model, Device target) throws OrtException {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setInterOpNumThreads(1);
            switch (target) {
                case Device.Cpu cpu -> {
                    opts.setIntraOpNumThreads(cpu.intraOpThreads());
                    // Lector runs several sessions in parallel from its own workers; spinning
                    // intra-op threads would only steal cycles from them.
                    opts.addConfigEntry("session.intra_op.allow_spinning", cpu.intraOpThreads() > 1 ? "1" : "0");
                    // A memory pattern is one arena block planned per input shape, and recognition
                    // sees a new width for nearly every line, so the arena keeps growing to fit
                    // them; weights kept out of the arena leave it only activations. Measured on
                    // `lector ocr` over the 60 SROIE receipts: peak RSS 805 -> 670 MB (native part
                    // 508 -> 403 MB); speed within this machine's noise (bench -c 4 and -c 1, three
                    // alternations each: 0.98x throughput, p50 600-715 ms vs 590-610 ms).
                    opts.setMemoryPatternOptimization(false);
                    opts.addConfigEntry("session.use_device_allocator_for_initializers", "1");
                }
                case Device.Cuda cuda -> opts.addCUDA(cuda.deviceId());
                case Device.TensorRt trt -> {
                    java.util.Map<String, String> o = new java.util.HashMap<>();
                    o.put("device_id", Integer.toString(trt.deviceId()));
                    o.put("trt_fp16_enable", trt.fp16() ? "1" : "0");
                    if (trt.cacheDir() != null) {
                        try {
                            Files.createDirectories(trt.cacheDir());
                        } catch (IOException e) {
                            throw new InferenceException("cannot create TensorRT cache dir " + trt.cacheDir(), e);
                        }
                        o.put("trt_engine_cache_enable", "1");
                        o.put("trt_engine_cache_path", trt.cacheDir().toString());
                    }
                    ai.onnxruntime.providers.OrtTensorRTProviderOptions trtOpts =
                            new ai.onnxruntime.providers.OrtTensorRTProviderOptions(trt.deviceId());
                    for (var e : o.entrySet()) trtOpts.add(e.getKey(), e.getValue());
                    opts.addTensorrt(trtOpts);
                    opts.addCUDA(trt.deviceId());
                }
            }
            return env.createSession(model, opts);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (OnnxModelSession s : sessions) s.close();
        sessions.clear();
    }

    @Override
    public String toString() {
        return "OnnxBackend[" + device + (requested.equals(device) ? "" : ", asked for " + requested) + "]";
    }
}
