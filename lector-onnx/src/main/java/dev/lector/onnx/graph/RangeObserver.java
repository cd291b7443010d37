package dev.lector.onnx.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lector.backend.Tensor;
import dev.lector.onnx.LargeStack;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A float model that, as it runs, records the activation ranges {@link PointwiseConvQuantizer}
 * needs: each run answers the model's own output, and the min and max of every input and output of
 * its pointwise convolutions are merged into {@link #ranges()}. Calibration on a stream of real
 * inputs (the pages a user reads) thus needs no copy of the inputs and no second run. Runs may be
 * concurrent; closing is idempotent.
 */
public final class RangeObserver implements AutoCloseable {

    private final OrtSession session;
    private final String input;
    private final String output;
    private final Set<String> observed;
    private final Set<String> requested;
    private Map<String, float[]> ranges = new HashMap<>();
    private int runs;
    private boolean closed;

    private RangeObserver(OrtSession session, String input, String output, Set<String> observed) {
        this.session = session;
        this.input = input;
        this.output = output;
        this.observed = observed;
        this.requested = new LinkedHashSet<>(observed);
        requested.add(output);
    }

    /**
     * Opens the observing session for {@code model}.
     *
     * @throws IllegalArgumentException when the model has nothing to quantise (the message says why)
     */
    public static RangeObserver open(byte[] model, OrtSession.SessionOptions options) throws OrtException {
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(model);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a readable ONNX model: " + e.getMessage());
        }
        if (graph.hasSubgraphs()) throw new IllegalArgumentException("the graph has subgraphs");
        Set<String> observed = PointwiseConvQuantizer.observedTensors(model);
        if (observed.isEmpty()) throw new IllegalArgumentException("no pointwise convolutions");
        byte[] withOutputs = graph.toBytesWithOutputs(observed);
        OrtEnvironment env = LargeStack.environment();
        OrtSession s = LargeStack.call(() -> env.createSession(withOutputs, options));
        try {
            String in = s.getInputNames().iterator().next();
            String out = s.getOutputNames().iterator().next();
            return new RangeObserver(s, in, out, observed);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Runs the float model on {@code t}, recording ranges; answers the model's first output. */
    public Tensor run(Tensor t) throws OrtException {
        OrtEnvironment env = LargeStack.environment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), t.shape());
             OrtSession.Result r = session.run(Map.of(input, x), requested)) {
            Map<String, float[]> seen = PointwiseConvQuantizer.rangesOf(r, observed);
            OnnxTensor out = (OnnxTensor) r.get(output).orElseThrow();
            FloatBuffer fb = out.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            synchronized (this) {
                ranges = PointwiseConvQuantizer.union(ranges, seen);
                runs++;
            }
            return new Tensor(data, out.getInfo().getShape());
        }
    }

    /** The ranges seen so far, tensor name -> {min, max}, in graph order. */
    public synchronized Map<String, float[]> ranges() {
        Map<String, float[]> ordered = new LinkedHashMap<>();
        for (String name : observed) if (ranges.containsKey(name)) ordered.put(name, ranges.get(name).clone());
        return ordered;
    }

    /** The tensors observed: the inputs and outputs of the pointwise convolutions. */
    public Set<String> observed() {
        return observed;
    }

    public synchronized int runs() {
        return runs;
    }

    @Override
    public synchronized void close() throws OrtException {
        if (closed) return;
        closed = true;
        session.close();
    }
}
