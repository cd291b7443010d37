package dev.lector.recognize;

import dev.lector.image.PageImage;
import java.util.List;

/**
 * Reads the text of line crops, each already turned upright. Knows nothing of scheduling: the
 * engine batches crops across pages. Implementations must be safe to call from one thread at a time.
 */
public interface TextRecognizer {
    /** One result per crop, in order, with each character's place along its crop. */
    List<Recognized> recognize(List<PageImage> crops);

    /**
     * The width a crop is scaled to before the model sees it: crops of similar width pad least
     * when run together (0 when width does not matter).
     */
    default int inputWidthOf(PageImage crop) {
        return 0;
    }
}
