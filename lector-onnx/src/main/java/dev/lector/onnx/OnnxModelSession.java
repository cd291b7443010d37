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

    OnnxModelSession(OrtEnvironment env, OrtSession session, String name, String sha256, String precision) {
        this.env = env;
        this.precision = precision;
        this.session = session;
        this.name = name;
        this.sha256 = sha256;
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
             OrtSession.Result result = session.run(Map.of(inputName, in))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] outShape = out.getInfo().getShape();
            FloatBuffer fb = out.getFloatBuffer();
            float[] data = new float[fb.remaining()];
            fb.get(data);
            return new Tensor(data, outShape);
        } catch (OrtException e) {
            throw new InferenceException("model " + name + " failed on input " + Arrays.toString(shape) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException("closing model " + name + " failed", e);
            }
        }
    }
}
