package dev.lector.onnx.graph;

/**
 * One exact, local rewrite of an ONNX graph: the rewritten model computes the same function (up to
 * float rounding) with fewer or cheaper nodes. Each rewrite checks every condition its algebra needs
 * and leaves a match alone when one fails.
 */
interface GraphRewrite {

    /** A short name for reports. */
    String name();

    /** Rewrites every match in {@code graph} and returns how many it rewrote. */
    int apply(OnnxGraph graph);
}
