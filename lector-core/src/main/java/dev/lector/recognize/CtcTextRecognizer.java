package dev.lector.recognize;

import dev.lector.backend.ModelSession;
import dev.lector.backend.Tensor;
import dev.lector.image.ImageOps;
import dev.lector.image.PageImage;
import java.util.ArrayList;
import java.util.List;

/**
 * CRNN/SVTR recognition with CTC decoding. Each crop is resized to height 48 keeping its aspect
 * ratio; a batch is padded only to its own widest crop (the batcher groups crops of similar width),
 * since padding is computed by the model too.
 */
public final class CtcTextRecognizer implements TextRecognizer {

    public static final int HEIGHT = 48;
    /** Widest input accepted; longer lines are squeezed (PaddleOCR has no cap, but 100:1 lines are noise). */
    public static final int MAX_WIDTH = 4800;

    private final ModelSession model;
    private final CtcDecoder decoder;
    private final Charset charset;

    public CtcTextRecognizer(ModelSession model, Charset charset) {
        this.model = model;
        this.charset = charset;
        this.decoder = new CtcDecoder(charset);
    }

    public String modelName() {
        return model.name();
    }

    /** Input width of one crop at height 48. */
    public static int inputWidth(PageImage crop) {
        int w = (int) Math.ceil(HEIGHT * (double) crop.width() / crop.height());
        return Math.max(HEIGHT / 6, Math.min(MAX_WIDTH, w));
    }

    @Override
    public int inputWidthOf(PageImage crop) {
        return inputWidth(crop);
    }

    /** The model input for {@code crops}: each resized to height 48, normalised, padded to the widest. */
    public static Tensor input(List<PageImage> crops) {
        int n = crops.size();
        int width = 0;
        for (PageImage c : crops) width = Math.max(width, inputWidth(c));
        int plane = HEIGHT * width;
        float[] data = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            PageImage c = crops.get(i);
            ImageOps.normalizeInto(ImageOps.resize(c, inputWidth(c), HEIGHT), data, i * 3 * plane, width, HEIGHT);
        }
        return new Tensor(data, new long[] {n, 3, HEIGHT, width});
    }

    @Override
    public List<Recognized> recognize(List<PageImage> crops) {
        int n = crops.size();
        Tensor in = input(crops);
        int width = in.dim(3);
        Tensor out = model.run(in);
        if (out.rank() != 3 || out.dim(0) != n) {
            throw new IllegalStateException("rec model " + model.name() + " returned " + out + " for input [" + n
                    + ",3," + HEIGHT + "," + width + "]");
        }
        int steps = out.dim(1), classes = out.dim(2);
        List<Recognized> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // each output step covers 8 input columns; this crop fills inputWidth of the padded width
            double cropSteps = (double) steps * inputWidth(crops.get(i)) / width;
            result.add(decoder.decode(out.data(), i * steps * classes, steps, classes, cropSteps));
        }
        return result;
    }

    public Charset charset() {
        return charset;
    }
}
