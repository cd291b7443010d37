package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of Mul/Add/Sub/Div nodes, each by a one-element float constant, that together compute
 * {@code scale * input + bias}. Every tensor inside the chain has the chain as its only reader, so
 * the nodes can be removed once something else computes {@link #output()}.
 *
 * @param input  the tensor the chain reads
 * @param output the tensor the last node writes
 * @param nodes  the chain, first to last
 */
record ScalarAffine(String input, String output, float scale, float bias, List<NodeProto.Builder> nodes) {

    /** The longest chain that starts at {@code first}, a node reading {@code input}; null when {@code first} is no such op. */
    static ScalarAffine startingAt(OnnxGraph graph, NodeProto.Builder first, String input) {
        float scale = 1f;
        float bias = 0f;
        List<NodeProto.Builder> chain = new ArrayList<>();
        String current = input;
        NodeProto.Builder node = first;
        while (node != null && !graph.isRemoved(node) && node.getInputCount() == 2 && node.getOutputCount() == 1
                && node.getDomain().isEmpty()) {
            boolean currentFirst = node.getInput(0).equals(current);
            if (!currentFirst && !node.getInput(1).equals(current)) break;
            Float c = graph.scalar(node.getInput(currentFirst ? 1 : 0));
            if (c == null) break;
            switch (node.getOpType()) {
                case "Mul" -> { scale *= c; bias *= c; }
                case "Add" -> bias += c;
                case "Sub" -> {
                    if (!currentFirst) return finish(input, current, scale, bias, chain);
                    bias -= c;
                }
                case "Div" -> {
                    if (!currentFirst || c == 0f) return finish(input, current, scale, bias, chain);
                    scale /= c;
                    bias /= c;
                }
                default -> { return finish(input, current, scale, bias, chain); }
            }
            chain.add(node);
            current = node.getOutput(0);
            node = graph.soleConsumer(current, null);
        }
        return finish(input, current, scale, bias, chain);
    }

    /** The chain that follows {@code tensor}, when the tensor's only reader starts one; else null. */
    static ScalarAffine after(OnnxGraph graph, String tensor) {
        NodeProto.Builder reader = graph.soleConsumer(tensor, null);
        return reader == null ? null : startingAt(graph, reader, tensor);
    }

    private static ScalarAffine finish(String input, String output, float scale, float bias, List<NodeProto.Builder> chain) {
        return chain.isEmpty() ? null : new ScalarAffine(input, output, scale, bias, List.copyOf(chain));
    }

    void removeFrom(OnnxGraph graph) {
        for (NodeProto.Builder n : nodes) graph.remove(n);
    }
}
