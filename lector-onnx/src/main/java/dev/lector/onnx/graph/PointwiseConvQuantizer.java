package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.lector.backend.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Post-training INT8 quantisation of a model's pointwise (1x1) convolutions, which are where
 * PP-OCR recognisers spend most of their time (PP-OCRv4 rec at 48x320: ~65%, all of them
 * matrix products). Each becomes {@code QuantizeLinear -> QLinearConv -> DequantizeLinear}: weights
 * int8, symmetric per output channel; activations uint8 per tensor over the range seen when the
 * float model runs on the calibration inputs (widened to include 0, so zero stays exact); biases
 * int32. Everything else (depthwise convs, activations, attention, the head) stays float, and
 * ONNX Runtime runs the quantised convs with its integer kernels (VNNI where the CPU has it).
 *
 * <p>Not exact, unlike {@link GraphRewrite}s: callers check accuracy on their data. Opset 10
 * operators only, so no opset upgrade is needed.
 */
public final class PointwiseConvQuantizer {

    private PointwiseConvQuantizer() {
    }

    /**
     * @param model     the serialized model to run
     * @param quantized how many convolutions were quantised
     * @param skipped   why the model was left as it was, or null
     */
    public record Result(byte[] model, int quantized, String skipped) {
    }

    /**
     * Whether {@link #quantize} writes a dequantised hard-swish as one op ({@link DequantizedHardSwish}):
     * yes unless {@code -Dlector.int8.hardSwish=false} (for measuring it, or should a runtime reject
     * the raised opset).
     */
    public static boolean fusesHardSwish() {
        return !"false".equalsIgnoreCase(System.getProperty("lector.int8.hardSwish", "true"));
    }

    /**
     * Quantises {@code model}'s pointwise convolutions, calibrated on {@code calibration} (inputs of
     * its first input), with weights in [-{@code weightMax}, {@code weightMax}]: 127 where the CPU
     * multiplies uint8 by int8 exactly (VNNI, ARM dot products), 63 on x86 without VNNI, whose
     * 16-bit intermediate sums would otherwise saturate (ONNX Runtime's "reduce_range").
     */
    public static Result quantize(byte[] model, List<Tensor> calibration, int weightMax) {
        if (weightMax < 1 || weightMax > 127) throw new IllegalArgumentException("weightMax must be in 1..127: " + weightMax);
        if (calibration.isEmpty()) return new Result(model, 0, "no calibration inputs");
        Ranges ranges = observe(model, calibration);
        if (ranges.skipped() != null) return new Result(model, 0, ranges.skipped());
        return quantize(model, ranges.ranges(), weightMax);
    }

    /**
     * The observed activation ranges of a model's pointwise convolutions, or why there are none.
     *
     * @param ranges  tensor name -> {min, max} over the calibration inputs, in graph order
     * @param skipped why nothing was observed, or null
     */
    public record Ranges(Map<String, float[]> ranges, String skipped) {
    }

    /**
     * Runs the float model on {@code calibration} and records the min and max of every input and
     * output of its pointwise convolutions: all that calibration learns from the inputs. The rest
     * of quantisation ({@link #quantize(byte[], Map, int)}) is a pure function of these ranges and
     * the model's weights, so a stored result reproduces the same INT8 model byte for byte.
     */
    public static Ranges observe(byte[] model, List<Tensor> calibration) {
        if (calibration.isEmpty()) return new Ranges(Map.of(), "no calibration inputs");
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(model);
        } catch (InvalidProtocolBufferException e) {
            return new Ranges(Map.of(), "not a readable ONNX model: " + e.getMessage());
        }
        if (graph.hasSubgraphs()) return new Ranges(Map.of(), "the graph has subgraphs");
        Set<String> observed = observedTensors(graph);
        if (observed.isEmpty()) return new Ranges(Map.of(), "no pointwise convolutions");
        Map<String, float[]> ranges;
        try {
            ranges = observeRanges(graph.toBytesWithOutputs(observed), observed, calibration);
        } catch (OrtException e) {
            return new Ranges(Map.of(), "calibration run failed: " + e.getMessage());
        }
        Map<String, float[]> ordered = new java.util.LinkedHashMap<>();
        for (String name : observed) if (ranges.containsKey(name)) ordered.put(name, ranges.get(name));
        return new Ranges(ordered, null);
    }

    /**
     * The tensors {@link #observe} records for {@code model}: the inputs and outputs of its
     * pointwise convolutions, in graph order (empty for a model it cannot read).
     */
    public static Set<String> observedTensors(byte[] model) {
        try {
            OnnxGraph graph = OnnxGraph.parse(model);
            return graph.hasSubgraphs() ? Set.of() : observedTensors(graph);
        } catch (InvalidProtocolBufferException e) {
            return Set.of();
        }
    }

    private static Set<String> observedTensors(OnnxGraph graph) {
        Set<String> observed = new LinkedHashSet<>();
        for (ConvWeights c : pointwiseConvs(graph)) {
            observed.add(c.node().getInput(0));
            observed.add(c.node().getOutput(0));
        }
        return observed;
    }

    private static List<ConvWeights> pointwiseConvs(OnnxGraph graph) {
        List<ConvWeights> convs = new ArrayList<>();
        for (NodeProto.Builder n : graph.nodes()) {
            ConvWeights c = ConvWeights.of(graph, n);
            if (c != null && isPointwise(c)) convs.add(c);
        }
        return convs;
    }

    /**
     * The uint8 scale and zero point of an activation observed over {@code [min, max]}
     * ({@code real = scale * (q - zeroPoint)}; the range widened to include 0), or null when the
     * range is empty or not finite.
     *
     * @return {scale, zeroPoint} or null
     */
    public static float[] scaleAndZeroPoint(float min, float max) {
        UInt8Scale s = UInt8Scale.of(new float[] {min, max});
        return s == null ? null : new float[] {s.scale(), s.zeroPoint()};
    }

    /**
     * Quantises {@code model}'s pointwise convolutions with activation ranges observed earlier
     * ({@link #observe}, or a stored copy of its result): deterministic, no model is run.
     */
    public static Result quantize(byte[] model, Map<String, float[]> ranges, int weightMax) {
        if (weightMax < 1 || weightMax > 127) throw new IllegalArgumentException("weightMax must be in 1..127: " + weightMax);
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(model);
        } catch (InvalidProtocolBufferException e) {
            return new Result(model, 0, "not a readable ONNX model: " + e.getMessage());
        }
        if (graph.hasSubgraphs()) return new Result(model, 0, "the graph has subgraphs");
        List<ConvWeights> convs = pointwiseConvs(graph);
        if (convs.isEmpty()) return new Result(model, 0, "no pointwise convolutions");
        Map<String, Quantized> quantizedInputs = new HashMap<>();
        int count = 0;
        for (ConvWeights c : convs) {
            UInt8Scale in = UInt8Scale.of(ranges.get(c.node().getInput(0)));
            UInt8Scale out = UInt8Scale.of(ranges.get(c.node().getOutput(0)));
            if (in == null || out == null) continue;
            // a conv reading another quantised conv's output takes its uint8 tensor as it is
            Quantized x = quantizedInputs.computeIfAbsent(c.node().getInput(0), name -> quantizeInput(graph, c.node(), name, in));
            quantizedInputs.put(c.node().getOutput(0), replaceWithQLinearConv(graph, c, x, out, weightMax));
            count++;
        }
        if (count == 0) return new Result(model, 0, "no activation ranges (calibration inputs all zero?)");
        // float copies that only fed the next quantised conv are not needed any more
        for (NodeProto.Builder n : graph.nodes()) {
            if (n.getOpType().equals("DequantizeLinear") && !graph.isRead(n.getOutput(0))) graph.remove(n);
        }
        // hard-swish after a quantised conv is no longer fused into it by ONNX Runtime: one op instead of two
        if (fusesHardSwish()) new DequantizedHardSwish().apply(graph);
        return new Result(graph.toBytes(), count, null);
    }

    /**
     * How often {@code quantized} picks the same class as {@code original}: the share of output rows
     * (all but the last axis) whose argmax over the last axis agrees, over all {@code inputs}. For a
     * CTC recogniser a row is one time step; PP-OCRv4 rec agrees on ~98% of steps of drawn lines
     * and reads real text as well as in float, PP-OCRv3 rec only on ~71% and reads nothing.
     */
    public static double argmaxAgreement(OrtSession original, OrtSession quantized, List<Tensor> inputs) throws OrtException {
        OrtEnvironment env = dev.lector.onnx.LargeStack.environment();
        try {
            long[] agreeAndRows = inputs.parallelStream().map(t -> {
                try {
                    Output x = output(env, original, t);
                    Output y = output(env, quantized, t);
                    int width = x.lastDimension();
                    long agree = 0;
                    long rows = 0;
                    for (int r = 0; r + width <= x.data().length; r += width) {
                        if (argmax(x.data(), r, width) == argmax(y.data(), r, width)) agree++;
                        rows++;
                    }
                    return new long[] {agree, rows};
                } catch (OrtException e) {
                    throw new UncheckedOrtException(e);
                }
            }).reduce(new long[2], (p, q) -> new long[] {p[0] + q[0], p[1] + q[1]});
            return agreeAndRows[1] == 0 ? 0 : (double) agreeAndRows[0] / agreeAndRows[1];
        } catch (UncheckedOrtException e) {
            throw e.getCause();
        }
    }

    private record Output(float[] data, int lastDimension) {
    }

    private static Output output(OrtEnvironment env, OrtSession s, Tensor t) throws OrtException {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape());
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), x))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            FloatBuffer fb = out.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            return new Output(data, (int) Math.max(1, shape[shape.length - 1]));
        }
    }

    private static int argmax(float[] v, int from, int n) {
        int best = from;
        for (int i = from + 1; i < from + n; i++) if (v[i] > v[best]) best = i;
        return best - from;
    }

    private static boolean isPointwise(ConvWeights c) {
        long[] d = c.dims();
        return d.length == 4 && d[2] == 1 && d[3] == 1 && c.group() == 1 && c.unpadded() && c.node().getOutputCount() == 1;
    }

    /**
     * Min and max of each observed tensor over all calibration runs, the runs spread over the cores
     * (one intra-op thread each).
     */
    private static Map<String, float[]> observeRanges(byte[] model, Set<String> observed, List<Tensor> calibration)
            throws OrtException {
        OrtEnvironment env = dev.lector.onnx.LargeStack.environment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            // graph outputs survive every optimisation, so the observed tensors are the float model's own
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setIntraOpNumThreads(1);
            try (OrtSession s = dev.lector.onnx.LargeStack.call(() -> env.createSession(model, o))) {
                String input = s.getInputNames().iterator().next();
                return calibration.parallelStream()
                        .map(t -> observe(env, s, input, t, observed))
                        .reduce(PointwiseConvQuantizer::union).orElseThrow();
            } catch (UncheckedOrtException e) {
                throw e.getCause();
            }
        }
    }

    private static Map<String, float[]> observe(OrtEnvironment env, OrtSession s, String input, Tensor t, Set<String> observed) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape());
             OrtSession.Result r = s.run(Map.of(input, x), observed)) {
            return rangesOf(r, observed);
        } catch (OrtException e) {
            throw new UncheckedOrtException(e);
        }
    }

    /** The min and max of each of {@code observed} in a run's result. */
    static Map<String, float[]> rangesOf(OrtSession.Result r, Set<String> observed) {
        Map<String, float[]> ranges = new HashMap<>();
        float[] values = new float[0];
        for (String name : observed) {
            FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
            int n = fb.remaining();
            if (values.length < n) values = new float[n];
            fb.get(values, 0, n);
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float v = values[i];
                if (v < lo) lo = v;
                if (v > hi) hi = v;
            }
            ranges.put(name, new float[] {lo, hi});
        }
        return ranges;
    }

    static Map<String, float[]> union(Map<String, float[]> a, Map<String, float[]> b) {
        Map<String, float[]> out = new HashMap<>(a);
        b.forEach((name, r) -> out.merge(name, r, (p, q) -> new float[] {Math.min(p[0], q[0]), Math.max(p[1], q[1])}));
        return out;
    }

    private static final class UncheckedOrtException extends RuntimeException {
        UncheckedOrtException(OrtException cause) {
            super(cause);
        }

        @Override
        public synchronized OrtException getCause() {
            return (OrtException) super.getCause();
        }
    }

    /**
     * The weight range for this machine's CPU: full int8 unless it is x86 without VNNI (Linux:
     * {@code /proc/cpuinfo}; elsewhere x86 is assumed to lack it).
     */
    public static int weightMaxForThisCpu() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) return 127;
        try {
            String flags = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
            return flags.contains("avx512_vnni") || flags.contains("avx_vnni") ? 127 : 63;
        } catch (java.io.IOException | RuntimeException e) {
            return 63;
        }
    }

    /** Asymmetric uint8 quantisation of an activation: {@code real = scale * (q - zeroPoint)}. */
    private record UInt8Scale(float scale, int zeroPoint) {
        static UInt8Scale of(float[] range) {
            if (range == null || !Float.isFinite(range[0]) || !Float.isFinite(range[1])) return null;
            float lo = Math.min(0f, range[0]);
            float hi = Math.max(0f, range[1]);
            float scale = (hi - lo) / 255f;
            if (!(scale > 0f)) return null;
            int zero = Math.max(0, Math.min(255, Math.round(-lo / scale)));
            return new UInt8Scale(scale, zero);
        }
    }

    /** A tensor's uint8 copy and the names of its scale and zero point. */
    private record Quantized(String tensor, String scale, String zeroPoint, UInt8Scale params) {
    }

    private static Quantized quantizeInput(OnnxGraph graph, NodeProto.Builder firstReader, String x, UInt8Scale p) {
        String scale = graph.addInitializer(x + "/scale", floatScalar(p.scale()));
        String zero = graph.addInitializer(x + "/zero_point", uint8Scalar(p.zeroPoint()));
        String q = graph.newTensorName(x + "/uint8");
        graph.insertBefore(firstReader, NodeProto.newBuilder().setOpType("QuantizeLinear").setName(q)
                .addInput(x).addInput(scale).addInput(zero).addOutput(q));
        return new Quantized(q, scale, zero, p);
    }

    /** Replaces the conv and returns its uint8 output (the float output stays, dequantised). */
    private static Quantized replaceWithQLinearConv(OnnxGraph graph, ConvWeights c, Quantized x, UInt8Scale out, int weightMax) {
        int oc = c.outputChannels();
        int per = c.perOutput();
        float[] wScale = new float[oc];
        byte[] wq = new byte[c.weight().length];
        int[] bq = new int[oc];
        for (int o = 0; o < oc; o++) {
            float maxAbs = 0f;
            for (int i = o * per; i < (o + 1) * per; i++) maxAbs = Math.max(maxAbs, Math.abs(c.weight()[i]));
            wScale[o] = maxAbs > 0f ? maxAbs / weightMax : 1f;
            for (int i = o * per; i < (o + 1) * per; i++) wq[i] = (byte) Math.round(c.weight()[i] / wScale[o]);
            double b = Math.rint(c.bias()[o] / ((double) x.params().scale() * wScale[o]));
            bq[o] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
        }
        NodeProto.Builder conv = c.node();
        String y = conv.getOutput(0);
        String base = conv.getName().isEmpty() ? y : conv.getName();
        String w = graph.addInitializer(base + "/w_int8", tensor(TensorProto.DataType.INT8_VALUE, c.dims(), ByteString.copyFrom(wq)));
        String ws = graph.addInitializer(base + "/w_scale", floatVector(wScale));
        String wz = graph.addInitializer(base + "/w_zero_point", tensor(TensorProto.DataType.INT8_VALUE, new long[] {oc}, ByteString.copyFrom(new byte[oc])));
        String b = graph.addInitializer(base + "/b_int32", int32Vector(bq));
        String ys = graph.addInitializer(y + "/scale", floatScalar(out.scale()));
        String yz = graph.addInitializer(y + "/zero_point", uint8Scalar(out.zeroPoint()));
        List<AttributeProto> attributes = new ArrayList<>(conv.getAttributeList());
        String yq = graph.newTensorName(y + "/uint8");
        conv.clear().setOpType("QLinearConv").setName(base + "/int8")
                .addInput(x.tensor()).addInput(x.scale()).addInput(x.zeroPoint())
                .addInput(w).addInput(ws).addInput(wz).addInput(ys).addInput(yz).addInput(b)
                .addOutput(yq).addAllAttribute(attributes);
        graph.insertAfter(conv, NodeProto.newBuilder().setOpType("DequantizeLinear").setName(y + "/dequantize")
                .addInput(yq).addInput(ys).addInput(yz).addOutput(y));
        return new Quantized(yq, ys, yz, out);
    }

    private static TensorProto.Builder tensor(int type, long[] dims, ByteString raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(type).setRawData(raw);
        for (long d : dims) t.addDims(d);
        return t;
    }

    private static TensorProto.Builder floatScalar(float v) {
        return TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(v);
    }

    private static TensorProto.Builder uint8Scalar(int v) {
        return TensorProto.newBuilder().setDataType(TensorProto.DataType.UINT8_VALUE).setRawData(ByteString.copyFrom(new byte[] {(byte) v}));
    }

    private static TensorProto.Builder floatVector(float[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return tensor(TensorProto.DataType.FLOAT_VALUE, new long[] {v.length}, ByteString.copyFrom(bb.array()));
    }

    private static TensorProto.Builder int32Vector(int[] v) {
        ByteBuffer bb = ByteBuffer.allocate(v.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bb.asIntBuffer().put(v);
        return tensor(TensorProto.DataType.INT32_VALUE, new long[] {v.length}, ByteString.copyFrom(bb.array()));
    }
}
