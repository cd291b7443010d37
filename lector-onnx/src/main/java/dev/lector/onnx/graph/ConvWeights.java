package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * The constant weights of one standard-domain Conv node, copied out so a rewrite can change them
 * and write them back under new names (the originals may be shared with other nodes).
 *
 * @param node   the Conv
 * @param dims   weight dimensions: output channels, input channels per group, then the kernel
 * @param weight weights, output channel major
 * @param bias   one bias per output channel (zeros when the node has none)
 */
record ConvWeights(NodeProto.Builder node, long[] dims, float[] weight, float[] bias) {

    /** The weights of {@code node} when it is a Conv with constant float weights (and bias); else null. */
    static ConvWeights of(OnnxGraph graph, NodeProto.Builder node) {
        if (node == null || !node.getOpType().equals("Conv") || !node.getDomain().isEmpty() || node.getInputCount() < 2) return null;
        float[] w = graph.floats(node.getInput(1));
        long[] dims = graph.dims(node.getInput(1));
        if (w == null || dims == null || dims.length < 3) return null;
        int out = (int) dims[0];
        if (out <= 0 || w.length % out != 0) return null;
        float[] b;
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            b = graph.floats(node.getInput(2));
            if (b == null || b.length != out) return null;
        } else {
            b = new float[out];
        }
        return new ConvWeights(node, dims, w, b);
    }

    int outputChannels() {
        return (int) dims[0];
    }

    /** Weights per output channel. */
    int perOutput() {
        return weight.length / outputChannels();
    }

    long group() {
        AttributeProto g = OnnxGraph.attribute(node, "group");
        return g == null ? 1 : g.getI();
    }

    /** Input channels the Conv reads. */
    long inputChannels() {
        return dims[1] * group();
    }

    /** True when every output pixel sees only real input pixels: no padding, explicit or automatic. */
    boolean unpadded() {
        AttributeProto autoPad = OnnxGraph.attribute(node, "auto_pad");
        if (autoPad != null) {
            String mode = autoPad.getS().toStringUtf8();
            if (!mode.equals("NOTSET") && !mode.equals("VALID")) return false;
        }
        AttributeProto pads = OnnxGraph.attribute(node, "pads");
        if (pads != null) for (long p : pads.getIntsList()) if (p != 0) return false;
        return true;
    }

    /** Writes the (changed) weights back as new initializers and points the node at them. */
    void store(OnnxGraph graph) {
        String w = graph.addWeight(node.getInput(1), dims, weight);
        String b = graph.addWeight(node.getName().isEmpty() ? node.getOutput(0) + "/bias" : node.getName() + "/bias",
                new long[] {outputChannels()}, bias);
        node.setInput(1, w);
        if (node.getInputCount() > 2) node.setInput(2, b); else node.addInput(b);
        graph.changed();
    }
}
