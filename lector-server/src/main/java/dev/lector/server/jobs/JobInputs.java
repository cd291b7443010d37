package dev.lector.server.jobs;

import dev.lector.image.ImageHeader;
import dev.lector.image.InputException;
import dev.lector.image.PageRange;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Checks a job's input at submission, before it is accepted: its format from the bytes, its page
 * count (a PDF's or a multi-page TIFF's; 1 for any other image) and the selected pages, so that a
 * broken file or a page range past the end is a 4xx now rather than a failed job later.
 */
final class JobInputs {

    private JobInputs() {}

    /** The page numbers {@code range} selects in {@code bytes}, ascending. */
    static List<Integer> selectPages(byte[] bytes, PageRange range, int maxPages) {
        int count = ImageHeader.isPdf(bytes) ? pdfPages(bytes) : ImageHeader.pages(bytes).size();
        List<Integer> selected = range.resolve(count);
        if (selected.size() > maxPages) {
            throw new InputException(InputException.Reason.TOO_LARGE, "the selection has " + selected.size() + " pages (pages "
                    + range + " of " + count + "), above the limit of " + maxPages + " pages: choose fewer with a page range");
        }
        return selected;
    }

    private static int pdfPages(byte[] bytes) {
        try (PDDocument d = Loader.loadPDF(bytes)) {
            int n = d.getNumberOfPages();
            if (n == 0) throw new InputException(InputException.Reason.UNDECODABLE, "PDF has no pages");
            return n;
        } catch (InvalidPasswordException e) {
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF of " + bytes.length + " bytes is encrypted with a password", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF of " + bytes.length + " bytes could not be read: " + e.getMessage(), e);
        }
    }
}
