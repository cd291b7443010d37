package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * Conv then inference-mode BatchNormalization becomes one Conv:
 * {@code w' = w * g / sqrt(v + eps)}, {@code b' = (b - m) * g / sqrt(v + eps) + beta}, per output channel.
 */
final class FoldBatchNormIntoConv implements GraphRewrite {

    @Override
    public String name() {
        return "batchnorm-into-conv";
    }

    @Override
    public int apply(OnnxGraph graph) {
        int rewritten = 0;
        for (NodeProto.Builder node : graph.nodes()) {
            ConvWeights conv = ConvWeights.of(graph, node);
            if (conv == null || node.getOutputCount() != 1) continue;
            NodeProto.Builder bn = graph.soleConsumer(node.getOutput(0), "BatchNormalization");
            if (bn == null || bn.getOutputCount() != 1 || bn.getInputCount() != 5 || !bn.getInput(0).equals(node.getOutput(0))) continue;
            AttributeProto training = OnnxGraph.attribute(bn, "training_mode");
            if (training != null && training.getI() != 0) continue;
            AttributeProto epsAttr = OnnxGraph.attribute(bn, "epsilon");
            double eps = epsAttr == null ? 1e-5 : epsAttr.getF();
            int out = conv.outputChannels();
            float[] gamma = graph.floats(bn.getInput(1));
            float[] beta = graph.floats(bn.getInput(2));
            float[] mean = graph.floats(bn.getInput(3));
            float[] var = graph.floats(bn.getInput(4));
            if (!allOfLength(out, gamma, beta, mean, var)) continue;
            int per = conv.perOutput();
            for (int o = 0; o < out; o++) {
                double k = gamma[o] / Math.sqrt(var[o] + eps);
                for (int i = o * per; i < (o + 1) * per; i++) conv.weight()[i] = (float) (conv.weight()[i] * k);
                conv.bias()[o] = (float) ((conv.bias()[o] - mean[o]) * k + beta[o]);
            }
            conv.store(graph);
            node.setOutput(0, bn.getOutput(0));
            graph.remove(bn);
            rewritten++;
        }
        return rewritten;
    }

    private static boolean allOfLength(int n, float[]... arrays) {
        for (float[] a : arrays) if (a == null || a.length != n) return false;
        return true;
    }
}
