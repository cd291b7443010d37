package dev.lector.image;

/**
 * Bounds on what the decoder accepts.
 *
 * @param maxPixels largest width x height accepted, checked from the header before decoding
 * @param pdfDpi    resolution PDF pages are rendered at
 * @param maxPdfPages most pages of one PDF rendered
 */
public record ImageLimits(long maxPixels, int pdfDpi, int maxPdfPages) {
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final ImageLimits DEFAULT = new ImageLimits(DEFAULT_MAX_PIXELS, 200, 1000);

    public ImageLimits {
        if (maxPixels < 1) throw new IllegalArgumentException("maxPixels must be >= 1: " + maxPixels);
        if (pdfDpi < 18 || pdfDpi > 1200) throw new IllegalArgumentException("pdfDpi must be in 18..1200: " + pdfDpi);
        if (maxPdfPages < 1) throw new IllegalArgumentException("maxPdfPages must be >= 1: " + maxPdfPages);
    }

    public ImageLimits withPdfDpi(int dpi) {
        return new ImageLimits(maxPixels, dpi, maxPdfPages);
    }

    public ImageLimits withMaxPixels(long max) {
        return new ImageLimits(max, pdfDpi, maxPdfPages);
    }
}
