package dev.lector.image;

import dev.lector.geometry.Size;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * One loaded PDF whose pages are sized and rendered one at a time, so that a caller can admit a
 * page (and hold its pixels) before it is rendered. Rendering is guarded: every image the page
 * draws (XObjects, inline images, their masks, in forms and annotations alike) is checked against
 * {@link ImageLimits#maxPixels()} from its declared size before it is decoded, the page's render
 * time is bounded by {@link ImageLimits#pdfRenderTimeoutMs()}, and an interrupt of the rendering
 * thread stops it; each is checked between drawing operators. Not thread-safe: one thread at a time.
 */
public final class PdfPages implements AutoCloseable {

    private final PDDocument document;
    private final ImageLimits limits;
    private final int byteCount;

    private PdfPages(PDDocument document, ImageLimits limits, int byteCount) {
        this.document = document;
        this.limits = limits;
        this.byteCount = byteCount;
    }

    /**
     * Loads a PDF (its pages are not rendered yet).
     *
     * @throws InputException {@code UNDECODABLE} for a broken or password-protected PDF, or one with no pages
     */
    static PdfPages open(byte[] bytes, ImageLimits limits) {
        PDDocument document;
        try {
            document = Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw new InputException(InputException.Reason.UNDECODABLE,
                    "PDF of " + bytes.length + " bytes is encrypted with a password", e);
        } catch (IOException | RuntimeException e) {
            throw new InputException(InputException.Reason.UNDECODABLE,
                    "PDF of " + bytes.length + " bytes could not be read: " + e.getMessage(), e);
        }
        PdfPages pages = new PdfPages(document, limits, bytes.length);
        if (document.getNumberOfPages() == 0) {
            pages.close();
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF has no pages");
        }
        return pages;
    }

    public int count() {
        return document.getNumberOfPages();
    }

    /**
     * The 1-based pages {@code range} selects, at most {@link ImageLimits#maxPdfPages()} of them.
     *
     * @throws InputException {@code BAD_OPTION} past the end, {@code TOO_LARGE} for too many pages
     */
    public List<Integer> select(PageRange range) {
        int pageCount = count();
        List<Integer> selected = range.resolve(pageCount);
        if (selected.size() > limits.maxPdfPages()) {
            throw new InputException(InputException.Reason.TOO_LARGE, "PDF selection has " + selected.size()
                    + " pages (pages " + range + " of " + pageCount + "), above the limit of " + limits.maxPdfPages()
                    + " pages: choose fewer with a page range");
        }
        return selected;
    }

    /**
     * The size page {@code page} (1-based) renders to (at its resolution: the limits' dpi, or a one-scan page's own lower one), checked against the pixel cap.
     *
     * @throws InputException {@code TOO_LARGE} above the cap, {@code UNDECODABLE} for a broken page
     */
    public Size renderSize(int page) {
        Size scan = scanSize(page);
        if (scan != null) return checkedScan(page, scan);
        PDRectangle crop;
        int dpi = dpi(page);
        try {
            crop = document.getPage(page - 1).getCropBox();
        } catch (RuntimeException e) {
            throw new InputException(InputException.Reason.UNDECODABLE,
                    "PDF page " + page + " of " + count() + " could not be read: " + e.getMessage(), e);
        }
        // the size PDFRenderer.renderImage will allocate (it floors, at least 1 pixel)
        float scale = dpi / 72f;
        long width = (long) Math.max(Math.floor(crop.getWidth() * scale), 1);
        long height = (long) Math.max(Math.floor(crop.getHeight() * scale), 1);
        ImageDecoder.checkPixels(limits, "PDF page " + page + " at " + dpi + " dpi", width, height);
        return new Size((int) width, (int) height);
    }

    /**
     * The resolution page {@code page} renders at: the limits' dpi, or a page that is one scan's
     * own lower resolution (see ImageDecoder's renderDpi).
     */
    private int dpi(int page) {
        try {
            return ImageDecoder.renderDpi(document.getPage(page - 1), limits.pdfDpi(), ImageDecoder.scanPixelBudget(limits));
        } catch (RuntimeException e) {
            throw new InputException(InputException.Reason.UNDECODABLE,
                    "PDF page " + page + " of " + count() + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Renders page {@code page} (1-based) at its resolution, guarded as the class says.
     *
     * @throws InputException {@code TOO_LARGE} for a page or an embedded image above the pixel cap,
     *         or a page past its render time; {@code UNDECODABLE} when PDFBox cannot render it
     * @throws CancellationException when the thread is interrupted while rendering
     */
    public PageImage render(int page) {
        Size scanSize = scanSize(page);
        if (scanSize != null) {
            checkedScan(page, scanSize);
            PageImage scan = new ImageDecoder(limits).jpegScan(document.getPage(page - 1));
            if (scan != null) return scan;
        }
        renderSize(page);
        int dpi = dpi(page);
        long timeout = limits.pdfRenderTimeoutMs();
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.nanoTime() + timeout * 1_000_000L;
        BufferedImage rendered;
        try {
            rendered = new GuardedRenderer(document, page, deadline).renderImageWithDPI(page - 1, dpi, ImageType.BGR);
        } catch (InputException | CancellationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InputException(InputException.Reason.UNDECODABLE,
                    "PDF page " + page + " of " + count() + " could not be rendered: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) { // an allocation no declared size predicted (a pattern, a group): refuse the page, keep the service
            throw new InputException(InputException.Reason.TOO_LARGE,
                    "PDF page " + page + " of " + count() + " needs more memory to render than the server has");
        }
        return ImageDecoder.ownBgrImage(rendered);
    }

    private Size checkedScan(int page, Size scan) {
        ImageDecoder.checkPixels(limits, "PDF page " + page + " (a " + scan.width() + "x" + scan.height() + " JPEG scan)",
                scan.width(), scan.height());
        return scan;
    }

    /** The size of a page that is one upright JPEG scan, read from its JPEG ({@link ImageDecoder#jpegScanSize}); else null. */
    private Size scanSize(int page) {
        try {
            return ImageDecoder.jpegScanSize(document.getPage(page - 1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            document.close();
        } catch (IOException e) {
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF of " + byteCount + " bytes could not be closed: " + e.getMessage(), e);
        }
    }

    /** PDFBox's renderer whose page drawer checks images, the time and interrupts between operators. */
    private final class GuardedRenderer extends PDFRenderer {
        private final int page;
        private final long deadline;

        GuardedRenderer(PDDocument document, int page, long deadline) {
            super(document);
            this.page = page;
            this.deadline = deadline;
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new PageDrawer(parameters) {
                @Override
                protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
                    checkTimeAndInterrupt();
                    super.processOperator(operator, operands);
                }

                @Override
                public void drawImage(PDImage image) throws IOException {
                    checkImage(image, "an image");
                    if (image instanceof PDImageXObject x) {
                        PDImageXObject soft = x.getSoftMask(), mask = x.getMask();
                        if (soft != null) checkImage(soft, "an image's soft mask");
                        if (mask != null) checkImage(mask, "an image's mask");
                    }
                    checkTimeAndInterrupt();
                    super.drawImage(image);
                }
            };
        }

        // unchecked on purpose: PDFBox logs and skips an IOException from a "Do" operator, and these must stop the page
        private void checkImage(PDImage image, String what) {
            long w = image.getWidth(), h = image.getHeight();
            long pixels = w * h;
            if (pixels > limits.maxPixels() || w < 0 || h < 0) {
                throw new InputException(InputException.Reason.TOO_LARGE, String.format(Locale.ROOT,
                        "PDF page %d draws %s of %dx%d = %.1f MP, above the limit of %.1f MP", page, what, w, h,
                        pixels / 1e6, limits.maxPixels() / 1e6));
            }
        }

        private void checkTimeAndInterrupt() {
            if (Thread.currentThread().isInterrupted()) throw new CancellationException("rendering PDF page " + page + " was cancelled");
            if (System.nanoTime() > deadline) {
                throw new InputException(InputException.Reason.TOO_LARGE, "PDF page " + page + " took longer than "
                        + limits.pdfRenderTimeoutMs() + " ms to render: it is too complex for this server");
            }
        }
    }
}
