package dev.lector.image;

import dev.lector.geometry.Size;

/**
 * Decoded pixels of one page: 8-bit BGR, interleaved, row-major, no padding between rows.
 * The array is owned by this record and must not be modified after construction.
 */
public record PageImage(int width, int height, byte[] bgr) {
    public PageImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (bgr == null || bgr.length != (long) width * height * 3) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " BGR bytes for "
                    + width + "x" + height + ", got " + (bgr == null ? "null" : bgr.length));
        }
    }

    public Size size() {
        return new Size(width, height);
    }

    @Override
    public String toString() {
        return "PageImage[" + width + "x" + height + "]";
    }
}
