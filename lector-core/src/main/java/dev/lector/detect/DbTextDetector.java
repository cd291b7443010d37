package dev.lector.detect;

import dev.lector.backend.ModelSession;
import dev.lector.backend.Tensor;
import dev.lector.geometry.Size;
import dev.lector.image.ImageOps;
import java.util.List;

/** DB text detection: limit-side resize, the det model, then {@link DbPostProcessor}. One page per run. */
public final class DbTextDetector implements TextDetector {

    private final ModelSession model;

    public DbTextDetector(ModelSession model) {
        this.model = model;
    }

    @Override
    public Detection detect(DetectionRequest request) {
        ImageOps.DetInput input = ImageOps.detectionInput(request.image(), request.params().limitSidePx(),
                request.params().limitType());
        Tensor out = model.run(input.tensor());
        if (out.rank() != 4 || out.dim(2) != input.resizedHeight() || out.dim(3) != input.resizedWidth()) {
            throw new IllegalStateException("det model " + model.name() + " returned " + out + " for input "
                    + input.tensor() + ": expected [1,1," + input.resizedHeight() + "," + input.resizedWidth() + "]");
        }
        List<DetectedBox> boxes = new DbPostProcessor(request.params()).process(out.data(), out.dim(3), out.dim(2),
                request.image().width(), request.image().height());
        return new Detection(boxes, new Size(input.resizedWidth(), input.resizedHeight()));
    }
}
