package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * Conv then a chain of scalar Mul/Add (PP-LCNetV3's learnable affine block, {@code s * x + b})
 * becomes one Conv: {@code w' = s * w}, {@code b' = s * b + bias}.
 */
final class FoldAffineIntoConv implements GraphRewrite {

    @Override
    public String name() {
        return "affine-into-conv";
    }

    @Override
    public int apply(OnnxGraph graph) {
        int rewritten = 0;
        for (NodeProto.Builder node : graph.nodes()) {
            if (graph.isRemoved(node)) continue;
            ConvWeights conv = ConvWeights.of(graph, node);
            if (conv == null || node.getOutputCount() != 1) continue;
            ScalarAffine affine = ScalarAffine.after(graph, node.getOutput(0));
            if (affine == null) continue;
            for (int i = 0; i < conv.weight().length; i++) conv.weight()[i] *= affine.scale();
            for (int o = 0; o < conv.bias().length; o++) conv.bias()[o] = conv.bias()[o] * affine.scale() + affine.bias();
            conv.store(graph);
            node.setOutput(0, affine.output());
            affine.removeFrom(graph);
            rewritten++;
        }
        return rewritten;
    }
}
