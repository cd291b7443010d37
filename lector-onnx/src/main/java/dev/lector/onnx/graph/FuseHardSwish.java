package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * Hard-swish written out as four elementwise ops, {@code x * Clip(x + 3, 0, 6) / 6} (how Paddle
 * exports it at opsets below 14), becomes {@code x * HardSigmoid(x)} with alpha 1/6 and beta 1/2:
 * two passes over the tensor instead of four.
 */
final class FuseHardSwish implements GraphRewrite {

    @Override
    public String name() {
        return "hardswish";
    }

    @Override
    public int apply(OnnxGraph graph) {
        int rewritten = 0;
        for (NodeProto.Builder add : graph.nodes()) {
            if (graph.isRemoved(add) || !add.getOpType().equals("Add") || !add.getDomain().isEmpty() || add.getInputCount() != 2) continue;
            String x;
            if (isConstant(graph, add.getInput(1), 3f)) x = add.getInput(0);
            else if (isConstant(graph, add.getInput(0), 3f)) x = add.getInput(1);
            else continue;
            NodeProto.Builder clip = graph.soleConsumer(add.getOutput(0), "Clip");
            if (clip == null || !clip.getInput(0).equals(add.getOutput(0)) || !clipsTo(graph, clip, 0f, 6f)) continue;
            NodeProto.Builder first = graph.soleConsumer(clip.getOutput(0), null);
            NodeProto.Builder second = first == null ? null : graph.soleConsumer(first.getOutput(0), null);
            if (second == null) continue;
            // x * c / 6 or c / 6 * x, with "/ 6" written as Div by 6 or Mul by 1/6
            boolean timesXFirst = multipliesBy(first, clip.getOutput(0), x) && dividesBySix(graph, second, first.getOutput(0));
            boolean sixthFirst = dividesBySix(graph, first, clip.getOutput(0)) && multipliesBy(second, first.getOutput(0), x);
            if (!timesXFirst && !sixthFirst) continue;
            String hardSigmoid = second.getOutput(0) + "/hardsigmoid";
            add.clear().setOpType("HardSigmoid").setName(hardSigmoid).addInput(x).addOutput(hardSigmoid)
                    .addAttribute(OnnxGraph.floatAttribute("alpha", 1f / 6))
                    .addAttribute(OnnxGraph.floatAttribute("beta", 0.5f));
            String out = second.getOutput(0);
            second.clear().setOpType("Mul").setName(out + "/hardswish").addInput(x).addInput(hardSigmoid).addOutput(out);
            graph.remove(clip);
            graph.remove(first);
            graph.changed();
            rewritten++;
        }
        return rewritten;
    }

    private static boolean isConstant(OnnxGraph graph, String name, float value) {
        Float v = graph.scalar(name);
        return v != null && v == value;
    }

    /** Clip to [lo, hi], with the bounds as inputs (opset 11+) or attributes (before). */
    private static boolean clipsTo(OnnxGraph graph, NodeProto.Builder clip, float lo, float hi) {
        Float min = bound(graph, clip, 1, "min");
        Float max = bound(graph, clip, 2, "max");
        return min != null && max != null && min == lo && max == hi;
    }

    private static Float bound(OnnxGraph graph, NodeProto.Builder clip, int input, String attribute) {
        if (clip.getInputCount() > input && !clip.getInput(input).isEmpty()) return graph.scalar(clip.getInput(input));
        AttributeProto a = OnnxGraph.attribute(clip, attribute);
        return a == null ? null : a.getF();
    }

    private static boolean multipliesBy(NodeProto.Builder n, String a, String b) {
        if (!n.getOpType().equals("Mul") || !n.getDomain().isEmpty() || n.getInputCount() != 2) return false;
        return (n.getInput(0).equals(a) && n.getInput(1).equals(b)) || (n.getInput(0).equals(b) && n.getInput(1).equals(a));
    }

    private static boolean dividesBySix(OnnxGraph graph, NodeProto.Builder n, String in) {
        if (!n.getDomain().isEmpty() || n.getInputCount() != 2) return false;
        if (n.getOpType().equals("Div")) return n.getInput(0).equals(in) && isConstant(graph, n.getInput(1), 6f);
        if (!n.getOpType().equals("Mul")) return false;
        String other = n.getInput(0).equals(in) ? n.getInput(1) : n.getInput(1).equals(in) ? n.getInput(0) : null;
        Float v = other == null ? null : graph.scalar(other);
        return v != null && Math.abs(v - 1f / 6) < 1e-6f;
    }
}
