/**
 * JMH micro-benchmarks of lector-core's hot pure-Java (and OpenCV) stages, with no model and no
 * inference backend: the detector's input tensor ({@code ImageOps.detectionInput}), DB
 * post-processing ({@code DbPostProcessor}), perspective crops ({@code ImageOps.cropQuad}) and greedy
 * CTC decoding ({@code CtcDecoder}); and single runs of the embedded models on ONNX Runtime with and
 * without Lector's graph rewrites ({@code ModelRunBenchmark}).
 *
 * <p>Contract: every input is built in a {@code @Setup} method, deterministically (fixed seeds, Java2D
 * drawing, hand-built probability maps and softmax-shaped outputs) and checked there to be what the
 * benchmark claims (box count, decoded text), so a benchmark that silently measures an empty case fails
 * instead; the measured method only calls lector-core's public API as the pipeline does and returns
 * its result, so nothing is optimised away. Inputs are never modified by the measured code. Each
 * benchmark's Javadoc says what one operation is. Benchmarks run only from {@code benchmarks.jar}
 * ({@code java -jar lector-bench/target/benchmarks.jar}), never in the Maven build; every fork gets the
 * JVM flags JavaCPP needs on JDK 25 and {@code -Djava.awt.headless=true}.
 */
package dev.lector.bench;
