package dev.lector.onnx.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutable view of one ONNX model's main graph for {@link GraphRewrite}s: the nodes in order, the
 * float weights by name, and who consumes each tensor. Constant nodes become initializers on the way
 * in, so a rewrite sees every weight the same way. Not thread-safe; one rewrite pass owns it.
 */
final class OnnxGraph {

    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private final ModelProto.Builder model;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> protectedNames = new HashSet<>();
    private final Set<NodeProto.Builder> removed = Collections.newSetFromMap(new IdentityHashMap<>());
    private Map<String, List<NodeProto.Builder>> consumers;
    private int freshNames;

    private OnnxGraph(ModelProto.Builder model) {
        this.model = model;
        GraphProto g = model.getGraph();
        for (TensorProto t : g.getInitializerList()) initializers.put(t.getName(), t);
        for (ValueInfoProto v : g.getOutputList()) protectedNames.add(v.getName());
        // an initializer that is also a graph input may be overridden by the caller: never fold it
        for (ValueInfoProto v : g.getInputList()) protectedNames.add(v.getName());
        boolean constantsAsInitializers = model.getIrVersion() >= 4;
        for (NodeProto n : g.getNodeList()) {
            TensorProto value = constantsAsInitializers ? constantValue(n) : null;
            if (value != null) {
                initializers.put(n.getOutput(0), value.toBuilder().setName(n.getOutput(0)).build());
            } else {
                nodes.add(n.toBuilder());
            }
        }
    }

    /** Parses a serialized model. */
    public static OnnxGraph parse(byte[] modelBytes) throws InvalidProtocolBufferException {
        return new OnnxGraph(ModelProto.parseFrom(modelBytes).toBuilder());
    }

    /** The version of the default (ONNX) operator set the model imports, or -1 when it imports none. */
    public int opsetVersion() {
        for (var o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return (int) o.getVersion();
        }
        return -1;
    }

    /** Imports version {@code version} of the default operator set instead (the caller has made the nodes mean the same there). */
    public void setOpsetVersion(int version) {
        for (int i = 0; i < model.getOpsetImportCount(); i++) {
            var o = model.getOpsetImport(i);
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) model.setOpsetImport(i, o.toBuilder().setVersion(version));
        }
    }

    /** True when some node holds a subgraph (If, Loop, Scan), whose outer-scope uses this view does not track. */
    public boolean hasSubgraphs() {
        for (NodeProto.Builder n : nodes) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG() || a.getGraphsCount() > 0) return true;
            }
        }
        return false;
    }

    /** The live nodes in graph order (a copy: rewrites may remove nodes while walking it). */
    public List<NodeProto.Builder> nodes() {
        List<NodeProto.Builder> live = new ArrayList<>(nodes.size());
        for (NodeProto.Builder n : nodes) if (!removed.contains(n)) live.add(n);
        return live;
    }

    public boolean isRemoved(NodeProto.Builder node) {
        return removed.contains(node);
    }

    /** Drops a node; its output must no longer be consumed once the rewrite is done. */
    public void remove(NodeProto.Builder node) {
        removed.add(node);
        consumers = null;
    }

    /** Call after changing any node's inputs or outputs. */
    public void changed() {
        consumers = null;
    }

    /**
     * The one node that reads {@code tensor}, if it has exactly one reader, that reader is
     * {@code opType} (any op when null), and the tensor is not a graph output; else null. A rewrite
     * may only fold away tensors nobody else sees.
     */
    public NodeProto.Builder soleConsumer(String tensor, String opType) {
        if (protectedNames.contains(tensor)) return null;
        List<NodeProto.Builder> readers = consumers().getOrDefault(tensor, List.of());
        if (readers.size() != 1) return null;
        NodeProto.Builder n = readers.get(0);
        if (opType != null && !opType.equals(n.getOpType())) return null;
        // a node reading the tensor twice (x * x) is not a single use
        int uses = 0;
        for (String in : n.getInputList()) if (in.equals(tensor)) uses++;
        return uses == 1 ? n : null;
    }

    /** True when some live node reads {@code tensor} or it is a graph output. */
    public boolean isRead(String tensor) {
        return protectedNames.contains(tensor) || !consumers().getOrDefault(tensor, List.of()).isEmpty();
    }

    /** The float weight {@code name}, or null when it is not a float initializer the graph owns. */
    public float[] floats(String name) {
        if (name == null || name.isEmpty() || protectedNames.contains(name)) return null;
        TensorProto t = initializers.get(name);
        if (t == null || t.getDataType() != FLOAT || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) return null;
        if (t.getFloatDataCount() > 0) {
            float[] f = new float[t.getFloatDataCount()];
            for (int i = 0; i < f.length; i++) f[i] = t.getFloatData(i);
            return f;
        }
        FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] f = new float[fb.remaining()];
        fb.get(f);
        return f;
    }

    /** The dimensions of initializer {@code name}, or null. */
    public long[] dims(String name) {
        TensorProto t = initializers.get(name);
        if (t == null) return null;
        long[] d = new long[t.getDimsCount()];
        for (int i = 0; i < d.length; i++) d[i] = t.getDims(i);
        return d;
    }

    /** The value of a one-element float initializer, or null. */
    public Float scalar(String name) {
        float[] f = floats(name);
        return f != null && f.length == 1 ? f[0] : null;
    }

    /** Adds a float initializer under a new name derived from {@code base} and returns that name. */
    public String addWeight(String base, long[] dims, float[] values) {
        ByteBuffer bb = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(FLOAT).setRawData(ByteString.copyFrom(bb.array()));
        for (long d : dims) t.addDims(d);
        return addInitializer(base, t);
    }

    /** Adds an initializer of any type under a new name derived from {@code base} and returns that name. */
    public String addInitializer(String base, TensorProto.Builder tensor) {
        String name;
        do {
            name = base + "/lector" + freshNames++;
        } while (initializers.containsKey(name));
        initializers.put(name, tensor.setName(name).build());
        return name;
    }

    /** A tensor name no node, initializer or graph input/output uses yet, derived from {@code base}. */
    public String newTensorName(String base) {
        Set<String> used = new HashSet<>(initializers.keySet());
        used.addAll(protectedNames);
        for (NodeProto.Builder n : nodes) {
            used.addAll(n.getInputList());
            used.addAll(n.getOutputList());
        }
        if (!used.contains(base)) return base;
        String name;
        do {
            name = base + "/lector" + freshNames++;
        } while (used.contains(name));
        return name;
    }

    /** Puts {@code node} into the graph just before {@code anchor}. */
    public void insertBefore(NodeProto.Builder anchor, NodeProto.Builder node) {
        nodes.add(indexOf(anchor), node);
        consumers = null;
    }

    /** Puts {@code node} into the graph just after {@code anchor}. */
    public void insertAfter(NodeProto.Builder anchor, NodeProto.Builder node) {
        nodes.add(indexOf(anchor) + 1, node);
        consumers = null;
    }

    private int indexOf(NodeProto.Builder node) {
        for (int i = 0; i < nodes.size(); i++) if (nodes.get(i) == node) return i;
        throw new IllegalArgumentException("node " + node.getName() + " is not in the graph");
    }

    /** The serialized model with {@code tensors} as extra float graph outputs (to read activations). */
    public byte[] toBytesWithOutputs(java.util.Collection<String> tensors) {
        ModelProto.Builder copy = syncedModel().clone();
        for (String t : tensors) {
            copy.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(t).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT))));
        }
        return copy.build().toByteArray();
    }

    /** The serialized model: live nodes in their order, and only the initializers still read. */
    public byte[] toBytes() {
        return syncedModel().build().toByteArray();
    }

    /** The model with its graph brought up to date: live nodes in order, only initializers still read. */
    private ModelProto.Builder syncedModel() {
        GraphProto.Builder g = model.getGraphBuilder();
        g.clearNode();
        Set<String> read = new HashSet<>(protectedNames);
        for (NodeProto.Builder n : nodes()) {
            g.addNode(n);
            read.addAll(n.getInputList());
        }
        g.clearInitializer();
        for (TensorProto t : initializers.values()) if (read.contains(t.getName())) g.addInitializer(t);
        return model;
    }

    /** Attribute {@code name} of {@code node}, or null. */
    public static AttributeProto attribute(NodeProto.Builder node, String name) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a;
        return null;
    }

    public static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto intsAttribute(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) a.addInts(v);
        return a.build();
    }

    public static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private Map<String, List<NodeProto.Builder>> consumers() {
        if (consumers == null) {
            consumers = new HashMap<>();
            for (NodeProto.Builder n : nodes()) {
                for (String in : n.getInputList()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        return consumers;
    }

    private static TensorProto constantValue(NodeProto n) {
        if (!n.getOpType().equals("Constant") || !n.getDomain().isEmpty() || n.getOutputCount() != 1) return null;
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) return a.getT();
            if (a.getName().equals("value_float")) return TensorProto.newBuilder().setDataType(FLOAT).addFloatData(a.getF()).build();
        }
        return null;
    }
}
