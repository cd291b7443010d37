package dev.lector.image;

/** The input formats Lector reads, recognised by their magic bytes (never by a file name). */
public enum ImageFormat {
    JPEG,
    PNG,
    BMP,
    TIFF,
    WEBP,
    /** A document of pages; its pixel size depends on the rendering resolution. */
    PDF;

    /** Whether the bytes hold one picture (as opposed to pages to render). */
    public boolean isRaster() {
        return this != PDF;
    }
}
