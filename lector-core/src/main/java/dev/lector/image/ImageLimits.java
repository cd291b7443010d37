package dev.lector.image;

/**
 * Bounds on what the decoder accepts.
 *
 * @param maxPixels largest width x height accepted, checked from the header before decoding
 * @param pdfDpi    resolution PDF pages are rendered at
 * @param maxPdfPages most pages of one PDF rendered
 * @param fullResolutionSidePx a JPEG whose longer side is at least twice this is decoded at 1/2,
 *                  1/4 or 1/8 of its size, the most that keeps the longer side at or above this
 *                  (0: always full size). SROIE's 600-dpi receipt scans (7016 px, text lines 50-90
 *                  px high) decode at half size: their line crops are scaled to 48 px high for
 *                  recognition anyway.
 * @param pdfRenderTimeoutMs longest one PDF page may take to render (checked between its drawing
 *                  operators); past it the page is refused as too large (0: no limit)
 */
public record ImageLimits(long maxPixels, int pdfDpi, int maxPdfPages, int fullResolutionSidePx, long pdfRenderTimeoutMs) {
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final int DEFAULT_FULL_RESOLUTION_SIDE_PX = 3200;
    /** Default {@link #pdfRenderTimeoutMs}: a text page at 200 dpi renders in well under a second here. */
    public static final long DEFAULT_PDF_RENDER_TIMEOUT_MS = 10_000;
    public static final ImageLimits DEFAULT = new ImageLimits(DEFAULT_MAX_PIXELS, 200, 1000, DEFAULT_FULL_RESOLUTION_SIDE_PX,
            DEFAULT_PDF_RENDER_TIMEOUT_MS);

    public ImageLimits(long maxPixels, int pdfDpi, int maxPdfPages) {
        this(maxPixels, pdfDpi, maxPdfPages, DEFAULT_FULL_RESOLUTION_SIDE_PX);
    }

    public ImageLimits(long maxPixels, int pdfDpi, int maxPdfPages, int fullResolutionSidePx) {
        this(maxPixels, pdfDpi, maxPdfPages, fullResolutionSidePx, DEFAULT_PDF_RENDER_TIMEOUT_MS);
    }

    public ImageLimits {
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be >= 1: " + maxPixels);
        if (pdfDpi < 18 || pdfDpi > 1200) throw new IllegalArgumentException("pdfDpi must be in 18..1200: " + pdfDpi);
        if (maxPdfPages < 1) throw new IllegalArgumentException("maxPdfPages must be >= 1: " + maxPdfPages);
        if (fullResolutionSidePx < 0) throw new IllegalArgumentException("fullResolutionSidePx must be >= 0: " + fullResolutionSidePx);
        if (pdfRenderTimeoutMs < 0) throw new IllegalArgumentException("pdfRenderTimeoutMs must be >= 0: " + pdfRenderTimeoutMs);
    }

    public ImageLimits withPdfDpi(int dpi) {
        return new ImageLimits(maxPixels, dpi, maxPdfPages, fullResolutionSidePx, pdfRenderTimeoutMs);
    }

    public ImageLimits withMaxPixels(long max) {
        return new ImageLimits(max, pdfDpi, maxPdfPages, fullResolutionSidePx, pdfRenderTimeoutMs);
    }

    public ImageLimits withFullResolutionSide(int px) {
        return new ImageLimits(maxPixels, pdfDpi, maxPdfPages, px, pdfRenderTimeoutMs);
    }

    /** Most pages one request may select (a PDF's or a multi-page TIFF's). */
    public ImageLimits withMaxPdfPages(int n) {
        return new ImageLimits(maxPixels, pdfDpi, n, fullResolutionSidePx, pdfRenderTimeoutMs);
    }

    public ImageLimits withPdfRenderTimeoutMs(long ms) {
        return new ImageLimits(maxPixels, pdfDpi, maxPdfPages, fullResolutionSidePx, ms);
    }

    /**
     * The factor (1, 2, 4 or 8) a raster image of this header is decoded smaller by: only JPEG,
     * which decodes a smaller size straight from its coefficients.
     */
    public int reductionFor(ImageHeader header) {
        if (header.format() != ImageFormat.JPEG || fullResolutionSidePx == 0) return 1;
        int side = Math.max(header.width(), header.height()), factor = 1;
        while (factor < 8 && side / (factor * 2) >= fullResolutionSidePx) factor *= 2;
        return factor;
    }
}
