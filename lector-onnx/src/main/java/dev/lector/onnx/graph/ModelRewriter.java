package dev.lector.onnx.graph;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a model before ONNX Runtime loads it, for what ORT's own optimiser leaves on the table in
 * PP-OCR exports: batch norms and PP-LCNetV3's scalar affine blocks folded into convolutions, and
 * hard-swish in two passes instead of four. Every rewrite is exact algebra (outputs agree to float
 * rounding). A model the rewriter cannot read, or one with subgraphs, comes back unchanged.
 */
public final class ModelRewriter {

    private static final List<GraphRewrite> REWRITES = List.of(
            new FoldBatchNormIntoConv(), new FoldAffineIntoConv(), new FuseHardSwish(), new FoldAffineIntoNextConv());

    private ModelRewriter() {
    }

    /**
     * @param model   the serialized model to run
     * @param applied how many matches each rewrite changed (empty when none ran)
     * @param skipped why the model was left as it was, or null
     */
    public record Result(byte[] model, Map<String, Integer> applied, String skipped) {

        public int total() {
            return applied.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public static Result rewrite(byte[] model) {
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(model);
        } catch (InvalidProtocolBufferException e) {
            return new Result(model, Map.of(), "not a readable ONNX model: " + e.getMessage());
        }
        if (graph.hasSubgraphs()) return new Result(model, Map.of(), "the graph has subgraphs");
        Map<String, Integer> applied = new LinkedHashMap<>();
        for (GraphRewrite r : REWRITES) applied.put(r.name(), r.apply(graph));
        boolean any = applied.values().stream().anyMatch(n -> n > 0);
        Map<String, Integer> counts = java.util.Collections.unmodifiableMap(applied);
        return any ? new Result(graph.toBytes(), counts, null) : new Result(model, counts, "nothing to rewrite");
    }
}
