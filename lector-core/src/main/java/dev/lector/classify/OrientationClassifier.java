package dev.lector.classify;

import dev.lector.image.PageImage;
import java.util.List;

/**
 * Tells upright text-line crops from upside-down ones. Knows nothing of scheduling: the engine
 * batches calls across pages. Implementations must be safe to call from one thread at a time.
 */
public interface OrientationClassifier {
    /** One call per crop, in order: 0 or 180 degrees with the probability of that class. */
    List<Orientation> classify(List<PageImage> crops);
}
