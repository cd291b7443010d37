package dev.lector.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.lector.backend.InferenceException;
import dev.lector.backend.ModelSession;
import dev.lector.backend.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** One ONNX model with a single float input and output; {@link #run} may be called concurrently. */
final class OnnxModelSession implements ModelSession {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String name;
    private final String sha256;
    private final String precision;
    private final String inputName;
    private final long outputWidth;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Options of a run that gives the CPU arena's unused chunks back after it ({@link #SHRINK_ARENA_ABOVE}). */
    private final OrtSession.RunOptions shrinkArena;

    /**
     * Runs on an input of at least this many elements end by giving the CPU arena's free chunks
     * back to the system (ONNX Runtime's {@code memory.enable_memory_arena_shrinkage}): a burst
     * of pages at a large det_limit_side would otherwise leave gigabytes held for good (8 SROIE
     * scans at 3072: 1.5-2.1 GB still held after the burst, 0.5-1.3 GB with this). Smaller
     * inputs run as before: a page at the default 960 px side is at most 2.8 M elements, a text
     * line far less. The price is paid by big inputs only, which grow their arena again each
     * run (about 14% of throughput at det_limit_side 2048; docs/service.md). System property
     * {@code lector.onnx.shrinkArenaAbove} (-1: never shrink).
     */
    static final long SHRINK_ARENA_ABOVE = Long.getLong("lector.onnx.shrinkArenaAbove", 4_000_000L);

    OnnxModelSession(OrtEnvironment env, OrtSession session, String name, String sha256, String precision) {
        this.env = env;
        this.precision = precision;
        this.session = session;
        this.name = name;
        this.sha256 = sha256;
        try {
            this.shrinkArena = new OrtSession.RunOptions();
            shrinkArena.addRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        } catch (OrtException e) {
            throw new InferenceException("cannot make the run options of model " + name, e);
        }
        try {
            this.inputName = session.getInputNames().iterator().next();
            NodeInfo out = session.getOutputInfo().values().iterator().next();
            long[] shape = out.getInfo() instanceof TensorInfo ti ? ti.getShape() : new long[] {-1};
            this.outputWidth = shape.length == 0 ? -1 : shape[shape.length - 1];
        } catch (OrtException e) {
            throw new InferenceException("cannot read inputs/outputs of model " + name, e);
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
    public String precision() {
        return precision;
    }

    @Override
    public long outputWidth() {
        return outputWidth;
    }

    @Override
    public Tensor run(Tensor input) {
        if (closed.get()) throw new IllegalStateException("model session " + name + " is closed");
        long[] shape = input.shape();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.data()), shape);
             OrtSession.Result result = isBig(shape) ? session.run(Map.of(inputName, in), shrinkArena)
                     : session.run(Map.of(inputName, in))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] outShape = out.getInfo().getShape();
            // ONNX Runtime hands out a fresh copy of the output: take its array as it is rather than
            // copy it again (a recogniser's output is ~1 MB a line, 6625 classes a time step)
            FloatBuffer fb = out.getFloatBuffer();
            float[] data;
            if (fb.hasArray() && fb.arrayOffset() == 0 && fb.position() == 0 && fb.remaining() == fb.array().length) {
                data = fb.array();
            } else {
                data = new float[fb.remaining()];
                fb.get(data);
            }
            return new Tensor(data, outShape);
        } catch (OrtException e) {
            throw new InferenceException("model " + name + " failed on input " + Arrays.toString(shape) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether a run on an input of {@code shape} shrinks the arena after it ({@link #SHRINK_ARENA_ABOVE}). */
    static boolean isBig(long[] shape) {
        if (SHRINK_ARENA_ABOVE < 0) return false;
        long n = 1;
        for (long d : shape) n *= Math.max(1, d);
        return n >= SHRINK_ARENA_ABOVE;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shrinkArena.close();
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException("closing model " + name + " failed", e);
            }
        }
    }
}
