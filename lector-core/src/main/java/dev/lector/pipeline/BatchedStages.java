package dev.lector.pipeline;

import dev.lector.batch.BatchStage;
import dev.lector.classify.Orientation;
import dev.lector.classify.OrientationClassifier;
import dev.lector.detect.Detection;
import dev.lector.detect.DetectionRequest;
import dev.lector.detect.TextDetector;
import dev.lector.image.PageImage;
import dev.lector.recognize.Recognized;
import dev.lector.recognize.TextRecognizer;
import java.util.ArrayList;
import java.util.List;

/** Adapters that let the batcher run the stages, which know nothing of it. */
final class BatchedStages {
    private BatchedStages() {}

    /** Detection, one page per model run. */
    static BatchStage<DetectionRequest, Detection> of(TextDetector detector) {
        return new BatchStage<>() {
            @Override
            public int batchKey(DetectionRequest item) {
                return 0;
            }

            @Override
            public List<Detection> runBatch(List<DetectionRequest> items) {
                List<Detection> out = new ArrayList<>(items.size());
                for (DetectionRequest r : items) out.add(detector.detect(r));
                return out;
            }
        };
    }

    static BatchStage<PageImage, Orientation> of(OrientationClassifier classifier) {
        return new BatchStage<>() {
            @Override
            public int batchKey(PageImage item) {
                return 0;
            }

            @Override
            public List<Orientation> runBatch(List<PageImage> items) {
                return classifier.classify(items);
            }
        };
    }

    /** Recognition, crops of similar input width batched together. */
    static BatchStage<PageImage, Recognized> of(TextRecognizer recognizer) {
        return new BatchStage<>() {
            @Override
            public int batchKey(PageImage item) {
                return recognizer.inputWidthOf(item);
            }

            @Override
            public List<Recognized> runBatch(List<PageImage> items) {
                return recognizer.recognize(items);
            }
        };
    }
}
