package dev.lector.classify;

import dev.lector.backend.ModelSession;
import dev.lector.backend.Tensor;
import dev.lector.image.ImageOps;
import dev.lector.image.PageImage;
import java.util.ArrayList;
import java.util.List;

/**
 * PaddleOCR's text-line direction classifier: crops resized to height 48 (width by aspect, at most
 * 192), padded to 3x48x192, normalised to [-1, 1]; output [N, 2] = P(0 deg), P(180 deg).
 */
public final class CnnOrientationClassifier implements OrientationClassifier {

    public static final int HEIGHT = 48;
    public static final int WIDTH = 192;

    private final ModelSession model;

    public CnnOrientationClassifier(ModelSession model) {
        this.model = model;
    }

    public String modelName() {
        return model.name();
    }

    @Override
    public List<Orientation> classify(List<PageImage> crops) {
        int n = crops.size();
        int plane = HEIGHT * WIDTH;
        float[] data = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            PageImage c = crops.get(i);
            int w = Math.min(WIDTH, (int) Math.ceil(HEIGHT * (double) c.width() / c.height()));
            ImageOps.normalizeInto(ImageOps.resize(c, Math.max(1, w), HEIGHT), data, i * 3 * plane, WIDTH, HEIGHT);
        }
        Tensor out = model.run(new Tensor(data, new long[] {n, 3, HEIGHT, WIDTH}));
        if (out.rank() != 2 || out.dim(0) != n || out.dim(1) < 2) {
            throw new IllegalStateException("cls model " + model.name() + " returned " + out + " for " + n + " crops");
        }
        int k = out.dim(1);
        float[] p = out.data();
        List<Orientation> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float p0 = p[i * k], p180 = p[i * k + 1];
            result.add(p180 > p0 ? new Orientation(180, p180) : new Orientation(0, p0));
        }
        return result;
    }
}
