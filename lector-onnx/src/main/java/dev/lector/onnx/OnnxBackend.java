package dev.lector.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lector.BuildInfo;
import dev.lector.backend.Device;
import dev.lector.backend.InferenceBackend;
import dev.lector.backend.InferenceException;
import dev.lector.backend.Int8Observer;
import dev.lector.backend.StoredCalibration;
import dev.lector.backend.ModelSession;
import dev.lector.backend.ModelSource;
import dev.lector.backend.Sha256;
import dev.lector.backend.Tensor;
import dev.lector.onnx.graph.ModelRewriter;
import dev.lector.onnx.graph.PointwiseConvQuantizer;
import dev.lector.onnx.graph.RangeObserver;
import dev.lector.recognize.CalibrationLines;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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

    private final OrtEnvironment env = LargeStack.environment();
    private final Device requested;
    private volatile Device device;
    private volatile String fallbackReason;
    private final boolean rewriteGraphs;
    private final List<ModelSession> sessions = new ArrayList<>();
    private final Int8CalibrationStore calibrations;
    private final GraphCache graphs;
    private boolean closed;

    OnnxBackend(Device device, Device requested, String fallbackReason, boolean rewriteGraphs) {
        this(device, requested, fallbackReason, rewriteGraphs, Int8CalibrationStore.standard(), GraphCache.standard());
    }

    /** With {@code calibrations} and no graph cache (so every load calibrates or reads a stored calibration). */
    OnnxBackend(Device device, Device requested, String fallbackReason, boolean rewriteGraphs, Int8CalibrationStore calibrations) {
        this(device, requested, fallbackReason, rewriteGraphs, calibrations, GraphCache.OFF);
    }

    OnnxBackend(Device device, Device requested, String fallbackReason, boolean rewriteGraphs, Int8CalibrationStore calibrations,
                GraphCache graphs) {
        this.calibrations = calibrations;
        this.graphs = graphs;
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
        return loadSession(source, null, 1);
    }

    @Override
    public ModelSession loadQuantized(ModelSource source, List<Tensor> calibration) {
        return loadSession(source, () -> calibration, 1);
    }

    /**
     * INT8 pointwise convolutions on the CPU ({@link PointwiseConvQuantizer}); on a GPU the float
     * model. A calibration stored for this model ({@link Int8CalibrationStore}: shipped for the
     * embedded models, else cached on disk) is used as it is; only without one are the
     * calibration inputs asked for, and the result is cached.
     */
    @Override
    public ModelSession loadQuantized(ModelSource source, Supplier<List<Tensor>> calibration) {
        return loadSession(source, java.util.Objects.requireNonNull(calibration, "calibration"), 1);
    }

    /**
     * Loads are independent of each other and may run in parallel (the engine loads its models
     * at once): only the check for a closed backend and the list of owned sessions are locked.
     *
     * @param calibration null for the float model
     * @param cpuThreads  least intra-op threads of each run on the CPU ({@link #withCpuThreads})
     */
    private ModelSession loadSession(ModelSource source, Supplier<List<Tensor>> calibration, int cpuThreads) {
        checkOpen();
        byte[] bytes = readModel(source);
        String sha = Sha256.hex(bytes);
        Loaded session;
        try {
            session = createRewritten(bytes, sha, withThreads(device, cpuThreads), calibration, source.name());
        } catch (OrtException e) {
            if (device instanceof Device.Cpu) {
                throw new InferenceException("ONNX Runtime cannot load model " + source.name() + ": " + e.getMessage(), e);
            }
            fallbackReason = "could not attach " + device + " (" + e.getMessage() + "); running on the CPU";
            device = new Device.Cpu(1);
            try {
                session = createRewritten(bytes, sha, withThreads(device, cpuThreads), null, source.name());
            } catch (OrtException e2) {
                throw new InferenceException("ONNX Runtime cannot load model " + source.name() + ": " + e2.getMessage(), e2);
            }
        }
        return own(new OnnxModelSession(env, session.session(), source.name(), sha, session.int8() ? "int8" : "fp32"));
    }

    private synchronized void checkOpen() {
        if (closed) throw new IllegalStateException("backend is closed");
    }

    /** Takes {@code s} into this backend's care; closes it at once if the backend was closed meanwhile. */
    private synchronized <S extends ModelSession> S own(S s) {
        if (closed) {
            s.close();
            throw new IllegalStateException("backend is closed");
        }
        sessions.add(s);
        return s;
    }

    private record Loaded(OrtSession session, boolean int8) {
    }

    /**
     * What INT8 made of a model: the INT8 session and its graph, or no session (the float model
     * runs); {@code fromShipped}: decided by a shipped calibration alone, so the same every time.
     */
    private record Int8Outcome(OrtSession session, byte[] graph, boolean fromShipped) {
        static final Int8Outcome NONE = new Int8Outcome(null, null, false);
    }

    /**
     * The session for {@code model}: rewritten ({@link ModelRewriter}) where that applies, and with a
     * calibration on the CPU the INT8 model where it is faithful. The float session is only created
     * when it is needed: to check a fresh calibration, or to run in float; with a stored
     * calibration (the shipped one of the embedded recogniser) the INT8 session is the only one
     * made, which saves a session creation at every start.
     *
     * @param calibration null for the float model
     */
    private Loaded createRewritten(byte[] model, String sha, Device target, Supplier<List<Tensor>> calibration, String name)
            throws OrtException {
        boolean int8Asked = calibration != null && target instanceof Device.Cpu;
        String variant = (rewriteGraphs ? "rewritten" : "as-is") + (int8Asked ? "+int8-w" + WEIGHT_MAX : "")
                + (int8Asked && !PointwiseConvQuantizer.fusesHardSwish() ? "-unfused" : "");
        boolean cacheable = rewriteGraphs || int8Asked;
        if (cacheable) {
            GraphCache.Hit hit = graphs.find(sha, variant);
            if (hit != null) {
                try {
                    return new Loaded(create(hit.graph(), target), hit.int8());
                } catch (OrtException e) {
                    LOG.log(System.Logger.Level.WARNING, "ONNX Runtime rejected the kept graph of {0} ({1}); making it again", name, e.getMessage());
                }
            }
        }
        byte[] base = rewrittenOrSame(model);
        byte[] rewritten = base != model ? base : null;
        if (int8Asked) {
            LazySession floatSession = new LazySession(base, target);
            Int8Outcome q = quantizedIfFaithful(base, sha, floatSession, calibration, target, name);
            if (q.session() != null) {
                floatSession.closeIfOpen();
                if (q.fromShipped()) graphs.save(sha, variant, true, q.graph());
                return new Loaded(q.session(), true);
            }
            if (q.fromShipped()) graphs.save(sha, variant, false, base);
            if (floatSession.open != null) return new Loaded(floatSession.open, false);
            cacheable = q.fromShipped();
        }
        OrtSession session = null;
        if (rewritten != null) {
            try {
                session = create(rewritten, target);
                if (cacheable && !int8Asked) graphs.save(sha, variant, false, rewritten);
            } catch (OrtException e) {
                // a rewrite ONNX Runtime rejects is a Lector bug; the original still runs
                LOG.log(System.Logger.Level.WARNING, "ONNX Runtime rejected the rewritten graph ({0}); loading the model unchanged",
                        e.getMessage());
            }
        }
        if (session == null) session = create(model, target);
        return new Loaded(session, false);
    }

    /** The float session of a model, created the first time it is asked for. */
    private final class LazySession {
        private final byte[] model;
        private final Device target;
        OrtSession open;

        LazySession(byte[] model, Device target) {
            this.model = model;
            this.target = target;
        }

        OrtSession get() throws OrtException {
            if (open == null) open = create(model, target);
            return open;
        }

        void closeIfOpen() {
            if (open != null) closeQuietly(open);
            open = null;
        }
    }

    /**
     * A session of the INT8 model if it agrees with {@code floatSession} (argmax) on at least
     * {@value #MIN_INT8_AGREEMENT} of the output rows; else null (logged), and the float model
     * runs. With a stored calibration nothing is run to decide: its ranges give the INT8 model and
     * its agreement for this CPU's weight range the verdict. Otherwise {@code calibration} is drawn,
     * the first three quarters calibrate, the last quarter is the check, and the result is cached.
     */
    private Int8Outcome quantizedIfFaithful(byte[] model, String sourceSha256, LazySession floatSession,
                                           Supplier<List<Tensor>> calibration, Device target, String name) {
        String sha = Sha256.hex(model);
        Set<String> tensors = PointwiseConvQuantizer.observedTensors(model);
        if (tensors.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "not quantised: {0} has no pointwise convolutions", name);
            return Int8Outcome.NONE;
        }
        Int8CalibrationStore.Found found = calibrations.find(sha, tensors, WEIGHT_MAX);
        Int8Calibration cal = found == null ? null : found.calibration();
        List<Tensor> inputs = null;
        if (cal == null) {
            inputs = calibration.get();
            if (inputs.size() < 2) return Int8Outcome.NONE;
            int split = Math.max(1, inputs.size() * 3 / 4);
            PointwiseConvQuantizer.Ranges r = PointwiseConvQuantizer.observe(model, inputs.subList(0, split));
            if (r.skipped() != null) {
                LOG.log(System.Logger.Level.INFO, "not quantised: {0}", r.skipped());
                return Int8Outcome.NONE;
            }
            cal = new Int8Calibration(sha, sourceSha256, BuildInfo.current().version(),
                    inputs.size() + " lines drawn in " + CalibrationLines.BUNDLED_FONT + " (seed 1); first " + split + " calibrate",
                    CalibrationLines.sha256(inputs), r.ranges(), Map.of());
        } else {
            LOG.log(System.Logger.Level.DEBUG, "INT8 calibration of {0} from the {1}", name,
                    found.origin() == Int8CalibrationStore.Origin.SHIPPED ? "shipped resource" : "cache");
        }
        Double agreement = cal.agreement().get(WEIGHT_MAX);
        // decided by the shipped calibration alone: the same on every start, so its graph may be kept
        boolean shippedVerdict = agreement != null && found.origin() == Int8CalibrationStore.Origin.SHIPPED;
        if (agreement != null && agreement < MIN_INT8_AGREEMENT) {
            logDisagreement(agreement);
            return new Int8Outcome(null, null, shippedVerdict);
        }
        PointwiseConvQuantizer.Result q = PointwiseConvQuantizer.quantize(model, cal.ranges(), WEIGHT_MAX);
        if (q.skipped() != null) {
            LOG.log(System.Logger.Level.INFO, "not quantised: {0}", q.skipped());
            return Int8Outcome.NONE;
        }
        OrtSession int8;
        try {
            int8 = create(q.model(), target);
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "ONNX Runtime rejected the INT8 graph ({0}); running the model in float",
                    e.getMessage());
            return Int8Outcome.NONE;
        }
        if (agreement == null) {
            if (inputs == null) inputs = calibration.get();
            int split = Math.max(1, inputs.size() * 3 / 4);
            if (inputs.size() < 2) {
                closeQuietly(int8);
                return Int8Outcome.NONE;
            }
            try {
                agreement = PointwiseConvQuantizer.argmaxAgreement(floatSession.get(), int8, inputs.subList(split, inputs.size()));
            } catch (OrtException e) {
                LOG.log(System.Logger.Level.WARNING, "INT8 check failed ({0}); running the model in float", e.getMessage());
                closeQuietly(int8);
                return Int8Outcome.NONE;
            }
            calibrations.save(cal.withAgreement(WEIGHT_MAX, agreement));
        }
        if (agreement >= MIN_INT8_AGREEMENT) return new Int8Outcome(int8, q.model(), shippedVerdict);
        logDisagreement(agreement);
        closeQuietly(int8);
        return Int8Outcome.NONE;
    }

    private static void logDisagreement(double agreement) {
        LOG.log(System.Logger.Level.WARNING, "INT8 model agrees with the float one on only {0} of output rows "
                + "(needs {1}); running it in float", String.format("%.3f", agreement), MIN_INT8_AGREEMENT);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the unused INT8 session failed: {0}", e.getMessage());
        }
    }

    private OrtSession create(byte[] model, Device target) throws OrtException {
        try (OrtSession.SessionOptions opts = options(target)) {
            return LargeStack.call(() -> env.createSession(model, opts));
        }
    }

    /** The options every session of this backend is created with; the caller closes them. */
    private OrtSession.SessionOptions options(Device target) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setInterOpNumThreads(1);
            switch (target) {
                case Device.Cpu cpu -> {
                    opts.setIntraOpNumThreads(cpu.intraOpThreads());
                    // Lector runs several sessions in parallel from its own workers; spinning
                    // intra-op threads would only steal cycles from them. Threads a session has
                    // beyond the device's own (withCpuThreads) never spin either.
                    boolean spin = cpu.intraOpThreads() > 1 && device instanceof Device.Cpu own && own.intraOpThreads() > 1;
                    opts.addConfigEntry("session.intra_op.allow_spinning", spin ? "1" : "0");
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
            return opts;
        } catch (OrtException | RuntimeException e) {
            opts.close();
            throw e;
        }
    }

    /**
     * On the CPU, the float model (as rewritten) recording the ranges of its pointwise
     * convolutions as it runs ({@link RangeObserver}), for a detector as for a recogniser. Its
     * calibration is the record the shipped and cached ones are ({@link Int8Calibration}), plus
     * this CPU's weight range, which the INT8 model it was checked as depends on. (Quantising
     * every dense convolution of the detector, 3x3 ones too, made its runs 1.5x faster instead of
     * 1.24x but cost SROIE page CER 0.0023 instead of 0.0008 on held-out receipts: not kept.)
     */
    @Override
    public Int8Observer observeForInt8(ModelSource source) {
        checkOpen();
        if (!(device instanceof Device.Cpu)) {
            LOG.log(System.Logger.Level.INFO, "INT8 runs on the CPU only; {0} is not calibrated on {1}", source.name(), device);
            return null;
        }
        byte[] bytes = readModel(source);
        byte[] base = rewrittenOrSame(bytes);
        RangeObserver observer;
        try (OrtSession.SessionOptions opts = options(device)) {
            observer = RangeObserver.open(base, opts);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "{0} cannot be quantised: {1}", source.name(), e.getMessage());
            return null;
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime cannot load model " + source.name() + " for calibration: " + e.getMessage(), e);
        }
        return own(new ObservingSession(observer, source.name(), Sha256.hex(bytes), Sha256.hex(base)));
    }

    /**
     * The INT8 model from a calibration {@link #observeForInt8} made (here or elsewhere); null
     * off the CPU, or where this CPU's weight range differs from the one it was checked with.
     */
    @Override
    public ModelSession loadCalibrated(ModelSource source, StoredCalibration calibration) {
        return loadCalibrated(source, calibration, 1);
    }

    private ModelSession loadCalibrated(ModelSource source, StoredCalibration calibration, int cpuThreads) {
        checkOpen();
        if (!(device instanceof Device.Cpu)) {
            LOG.log(System.Logger.Level.INFO, "INT8 runs on the CPU only; {0} runs in float on {1}", source.name(), device);
            return null;
        }
        byte[] bytes = readModel(source);
        byte[] base = rewrittenOrSame(bytes);
        int weightMax;
        Int8Calibration cal;
        try {
            com.fasterxml.jackson.databind.JsonNode node = ObservingSession.parse(calibration.json());
            weightMax = node.path("weight_max").asInt(-1);
            if (weightMax < 1 || weightMax > 127) throw new IllegalArgumentException("no weight_max in 1..127");
            cal = Int8Calibration.fromJson(calibration.json().getBytes(java.nio.charset.StandardCharsets.UTF_8), Sha256.hex(base),
                    PointwiseConvQuantizer.observedTensors(base));
        } catch (IllegalArgumentException e) {
            throw new InferenceException("the INT8 calibration does not fit model " + source.name() + " as this engine loads it ("
                    + e.getMessage() + "; graph rewrites " + (rewriteGraphs ? "on" : "off") + ")", e);
        }
        if (weightMax != WEIGHT_MAX) {
            LOG.log(System.Logger.Level.WARNING, "{0} was calibrated and checked with INT8 weights in +-{1}, this CPU needs +-{2}: it runs in float",
                    source.name(), weightMax, WEIGHT_MAX);
            return null;
        }
        PointwiseConvQuantizer.Result q = PointwiseConvQuantizer.quantize(base, cal.ranges(), WEIGHT_MAX);
        if (q.skipped() != null) throw new InferenceException("cannot quantise " + source.name() + ": " + q.skipped());
        OrtSession session;
        try {
            session = create(q.model(), withThreads(device, cpuThreads));
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime rejected the INT8 graph of " + source.name() + ": " + e.getMessage(), e);
        }
        return own(new OnnxModelSession(env, session, source.name(), Sha256.hex(bytes), "int8"));
    }

    /** {@code device} with at least {@code threads} intra-op threads when it is the CPU; other devices as they are. */
    private static Device withThreads(Device device, int threads) {
        return device instanceof Device.Cpu cpu && cpu.intraOpThreads() < threads ? new Device.Cpu(threads) : device;
    }

    /**
     * This backend, loading models whose runs each use at least {@code threads} CPU threads (which
     * never spin): for a model that runs one input at a time while other cores wait, such as the
     * detector. The sessions belong to this backend; closing the view does nothing.
     */
    @Override
    public InferenceBackend withCpuThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        if (threads == 1) return this;
        OnnxBackend owner = this;
        return new InferenceBackend() {
            @Override
            public String name() {
                return owner.name();
            }

            @Override
            public Device device() {
                return owner.device();
            }

            @Override
            public String fallbackReason() {
                return owner.fallbackReason();
            }

            @Override
            public ModelSession load(ModelSource source) {
                return owner.loadSession(source, null, threads);
            }

            @Override
            public ModelSession loadQuantized(ModelSource source, List<Tensor> calibration) {
                return owner.loadSession(source, () -> calibration, threads);
            }

            @Override
            public ModelSession loadQuantized(ModelSource source, Supplier<List<Tensor>> calibration) {
                return owner.loadSession(source, java.util.Objects.requireNonNull(calibration, "calibration"), threads);
            }

            @Override
            public Int8Observer observeForInt8(ModelSource source) {
                return owner.observeForInt8(source);
            }

            @Override
            public ModelSession loadCalibrated(ModelSource source, StoredCalibration calibration) {
                return owner.loadCalibrated(source, calibration, threads);
            }

            @Override
            public InferenceBackend withCpuThreads(int more) {
                return owner.withCpuThreads(Math.max(threads, more));
            }

            @Override
            public void close() {
                // the sessions are the owner's
            }

            @Override
            public String toString() {
                return owner + " with " + threads + " CPU threads a run";
            }
        };
    }

    private static byte[] readModel(ModelSource source) {
        try {
            return source.readAllBytes();
        } catch (IOException e) {
            throw new InferenceException("cannot read model " + source.name() + ": " + e.getMessage(), e);
        }
    }

    /** The graph this backend runs for {@code model}: rewritten where rewrites are on and apply. */
    private byte[] rewrittenOrSame(byte[] model) {
        if (!rewriteGraphs) return model;
        ModelRewriter.Result r = ModelRewriter.rewrite(model);
        return r.skipped() == null ? r.model() : model;
    }

    /** An {@link Int8Observer} over a {@link RangeObserver}. */
    private static final class ObservingSession implements Int8Observer {
        private final RangeObserver observer;
        private final String name;
        private final String sha256;
        private final String graphSha256;

        ObservingSession(RangeObserver observer, String name, String sha256, String graphSha256) {
            this.observer = observer;
            this.name = name;
            this.sha256 = sha256;
            this.graphSha256 = graphSha256;
        }

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        static com.fasterxml.jackson.databind.JsonNode parse(String json) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(json);
                if (n == null || !n.isObject()) throw new IllegalArgumentException("not a JSON object");
                return n;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String sha256() {
            return sha256;
        }

        @Override
        public long outputWidth() {
            return -1;
        }

        @Override
        public Tensor run(Tensor input) {
            try {
                return observer.run(input);
            } catch (OrtException e) {
                throw new InferenceException("model " + name + " failed on input " + java.util.Arrays.toString(input.shape()) + ": "
                        + e.getMessage(), e);
            }
        }

        @Override
        public int runs() {
            return observer.runs();
        }

        @Override
        public StoredCalibration calibration() {
            if (observer.runs() == 0) throw new IllegalStateException("model " + name + " has not run yet");
            Int8Calibration cal = new Int8Calibration(graphSha256, sha256, BuildInfo.current().version(),
                    observer.runs() + " runs on the user's pages (lector calibrate)", "-", observer.ranges(), Map.of());
            try {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(cal.toJson());
                node.put("weight_max", WEIGHT_MAX);
                return new StoredCalibration(OnnxBackendProvider.NAME, JSON.writeValueAsString(node));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the INT8 calibration: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                observer.close();
            } catch (OrtException e) {
                throw new InferenceException("closing model " + name + " failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (ModelSession s : sessions) s.close();
        sessions.clear();
    }

    @Override
    public String toString() {
        return "OnnxBackend[" + device + (requested.equals(device) ? "" : ", asked for " + requested) + "]";
    }
}
