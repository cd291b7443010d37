package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds small float ONNX graphs (opset 12) for rewrite tests, and runs models on ONNX Runtime. */
final class TinyModel {

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny");
    private final Random random = new Random(7);

    TinyModel input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        return this;
    }

    TinyModel output(String name) {
        graph.addOutput(valueInfo(name));
        return this;
    }

    /** A float initializer. */
    String weight(String name, long[] dims, float... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) t.addDims(d);
        for (float v : values) t.addFloatData(v);
        graph.addInitializer(t);
        return name;
    }

    /** An initializer of any type. */
    TinyModel initializer(TensorProto.Builder t) {
        graph.addInitializer(t);
        return this;
    }

    /** A one-element float written as a Constant node, as Paddle exports its constants. */
    String constantNode(String name, float value) {
        TensorProto t = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(value).build();
        graph.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput(name)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(t)));
        return name;
    }

    String scalar(String name, float value) {
        return weight(name, new long[] {1}, value);
    }

    String randomWeight(String name, long... dims) {
        int n = 1;
        for (long d : dims) n *= (int) d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian() * 0.5f;
        return weight(name, dims, v);
    }

    String positiveWeight(String name, long... dims) {
        int n = 1;
        for (long d : dims) n *= (int) d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = 0.5f + random.nextFloat();
        return weight(name, dims, v);
    }

    TinyModel node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
        return this;
    }

    /** A 2-D Conv with a random kxk kernel from {@code in} channels to {@code out}, padded by {@code pad}. */
    TinyModel conv(String input, String output, int in, int out, int k, int pad, int group) {
        String w = randomWeight(output + ".w", out, in / group, k, k);
        String b = randomWeight(output + ".b", out);
        return node("Conv", List.of(input, w, b), output,
                OnnxGraph.intsAttribute("kernel_shape", k, k), OnnxGraph.intsAttribute("pads", pad, pad, pad, pad),
                OnnxGraph.intAttribute("group", group));
    }

    /** Paddle's opset-12 hard-swish: x * Clip(x + 3, 0, 6) / 6. */
    TinyModel hardSwish(String x, String output) {
        String three = scalar(output + ".3", 3f);
        node("Add", List.of(x, three), output + ".add");
        node("Clip", List.of(output + ".add", scalar(output + ".0", 0f), scalar(output + ".6", 6f)), output + ".clip");
        node("Mul", List.of(x, output + ".clip"), output + ".mul");
        return node("Div", List.of(output + ".mul", scalar(output + ".six", 6f)), output);
    }

    byte[] build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("lector-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(12))
                .setGraph(graph).build().toByteArray();
    }

    static List<String> ops(byte[] model) throws Exception {
        List<String> ops = new ArrayList<>();
        for (NodeProto n : ModelProto.parseFrom(model).getGraph().getNodeList()) ops.add(n.getOpType());
        return ops;
    }

    /** Runs {@code model} on ONNX Runtime with every graph optimisation off, so what runs is the graph as written. */
    static float[] run(byte[] model, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = env.createSession(model, o);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                 OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), x))) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
        }
    }

    static float[] randomInput(long seed, long... shape) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian() * 2f;
        return v;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (dims.length > 0) {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (long d : dims) shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            t.setShape(shape);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }
}
