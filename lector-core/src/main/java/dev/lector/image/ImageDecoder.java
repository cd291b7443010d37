package dev.lector.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecodemulti;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Range;

/**
 * Turns input bytes into {@link PageImage}s: raster images through OpenCV (EXIF orientation
 * applied), PDF pages through PDFBox. The format comes from the magic bytes and the pixel count
 * from the header, checked against {@link ImageLimits} before anything is decoded.
 * Immutable, so safe to share between threads.
 */
public final class ImageDecoder {

    /** Largest image a {@link PageImage} can hold: 3 bytes a pixel in one Java array. */
    private static final long MAX_ARRAY_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        if (limits == null) throw new IllegalArgumentException("limits must not be null");
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * Decodes one raster image (JPEG, PNG, BMP, TIFF, WebP) to BGR pixels, EXIF orientation applied;
     * transparent PNG and WebP pixels are composited over white.
     *
     * @throws InputException {@code EMPTY}, {@code UNSUPPORTED_FORMAT} (also for a PDF: use
     *         {@link #decodePdf} or {@link #decodeAny}), {@code TOO_LARGE} (from the header, before
     *         decoding) or {@code UNDECODABLE} (broken or truncated data)
     */
    public PageImage decode(byte[] bytes) {
        return decodeAt(bytes, ImageHeader.read(bytes), 1).image();
    }

    /** A raster page decoded at 1/{@code factor} of its size; {@code fullWidth x fullHeight} is that size, EXIF orientation applied. */
    public record Reduced(PageImage image, int factor, int fullWidth, int fullHeight) {}

    /**
     * Like {@link #decode}, but a large JPEG comes out smaller by {@link ImageLimits#reductionFor}
     * (decoded at that size, never held at full size): less memory and time for pages whose text
     * is far larger than the recogniser needs.
     */
    public Reduced decodeReduced(byte[] bytes) {
        ImageHeader header = ImageHeader.read(bytes);
        return decodeAt(bytes, header, header.format().isRaster() ? limits.reductionFor(header) : 1);
    }

    /** Decodes at 1/{@code factor} (1, or 2, 4, 8 for a JPEG, decoded smaller from its coefficients). */
    private Reduced decodeAt(byte[] bytes, ImageHeader header, int factor) {
        if (!header.format().isRaster()) {
            throw new InputException(InputException.Reason.UNSUPPORTED_FORMAT,
                    "the input is a PDF, which has pages rather than one image: read it with decodePdf or decodeAny");
        }
        checkPixels("image", header.width(), header.height());
        if (header.format() == ImageFormat.JPEG) checkJpegComplete(bytes, header);
        if (header.format() == ImageFormat.PNG) checkPngChunks(bytes, header);
        boolean alpha = hasAlphaChannel(bytes, header);
        int flag = switch (factor) {
            case 1 -> alpha ? IMREAD_UNCHANGED : IMREAD_COLOR;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("reduction must be 1, 2, 4 or 8: " + factor);
        };
        try (BytePointer data = new BytePointer(bytes);
             Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
             Mat decoded = imdecode(encoded, flag)) {
            boolean turned = checkDecoded(decoded, header, bytes.length, factor);
            PageImage page = alpha && factor == 1 ? ImageOps.toPageImageOverWhite(decoded) : ImageOps.toPageImage(decoded);
            return new Reduced(page, factor, turned ? header.height() : header.width(), turned ? header.width() : header.height());
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) { // cv::Exception from a codec
            throw new InputException(InputException.Reason.UNDECODABLE, header.format() + " image of "
                    + bytes.length + " bytes could not be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes page {@code page} (1-based) of a multi-page TIFF, and only that page, whose size
     * {@code header} (from {@link ImageHeader#pages}) is checked against the pixel cap first.
     *
     * @throws InputException {@code TOO_LARGE} (from the header, before decoding) or {@code UNDECODABLE}
     */
    public PageImage decodeTiffPage(byte[] bytes, int page, ImageHeader header) {
        if (header.format() != ImageFormat.TIFF) throw new IllegalArgumentException("not a TIFF page: " + header);
        checkPixels("TIFF page " + page, header.width(), header.height());
        try (BytePointer data = new BytePointer(bytes);
             Mat encoded = new Mat(1, bytes.length, CV_8UC1, data);
             MatVector mats = new MatVector();
             Range range = new Range(page - 1, page)) {
            boolean ok = imdecodemulti(encoded, IMREAD_COLOR, mats, range);
            if (!ok || mats.size() != 1) {
                throw new InputException(InputException.Reason.UNDECODABLE, "TIFF page " + page + " ("
                        + header.width() + "x" + header.height() + ") of " + bytes.length + " bytes could not be decoded");
            }
            try (Mat decoded = mats.get(0)) {
                checkDecoded(decoded, header, bytes.length, 1);
                return ImageOps.toPageImage(decoded);
            }
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) { // cv::Exception from the codec
            throw new InputException(InputException.Reason.UNDECODABLE, "TIFF page " + page + " of "
                    + bytes.length + " bytes could not be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Renders the selected pages of a PDF at {@link ImageLimits#pdfDpi()}. Holds every page in
     * memory: prefer {@link #forEachPdfPage} for long documents.
     */
    public List<PageImage> decodePdf(byte[] bytes, PageRange pages) {
        List<PageImage> out = new ArrayList<>();
        forEachPdfPage(bytes, pages, (page, image) -> out.add(image));
        return out;
    }

    /**
     * Renders the selected pages of a PDF one at a time at {@link ImageLimits#pdfDpi()}, handing each
     * to {@code sink} with its 1-based page number before rendering the next, so that no caller has
     * to hold every page. Each page's pixel count at that dpi is checked before it is rendered.
     *
     * @throws InputException {@code UNSUPPORTED_FORMAT} if the bytes are not a PDF,
     *         {@code UNDECODABLE} for a broken or password-protected PDF, {@code BAD_OPTION} for
     *         pages past the end, {@code TOO_LARGE} for too many pages or a page too large
     */
    public void forEachPdfPage(byte[] bytes, PageRange pages, BiConsumer<Integer, PageImage> sink) {
        ImageHeader header = ImageHeader.read(bytes);
        if (header.format() != ImageFormat.PDF) {
            throw new InputException(InputException.Reason.UNSUPPORTED_FORMAT,
                    "expected a PDF, but the input is a " + header.format() + " image");
        }
        try (PdfPages pdf = PdfPages.open(bytes, limits)) {
            for (int page : pdf.select(pages)) sink.accept(page, pdf.render(page));
        }
    }

    /**
     * Loads a PDF whose pages the caller sizes and renders one at a time ({@link PdfPages}), so
     * that it can admit each page before it is rendered. Close it when done.
     *
     * @throws InputException {@code UNSUPPORTED_FORMAT} if the bytes are not a PDF,
     *         {@code UNDECODABLE} for a broken or password-protected PDF
     */
    public PdfPages openPdf(byte[] bytes) {
        ImageHeader header = ImageHeader.read(bytes);
        if (header.format() != ImageFormat.PDF) {
            throw new InputException(InputException.Reason.UNSUPPORTED_FORMAT,
                    "expected a PDF, but the input is a " + header.format() + " image");
        }
        return PdfPages.open(bytes, limits);
    }

    /**
     * Decodes any supported input: the selected pages of a PDF, or one raster image. A raster
     * image counts as a document of one page, so {@code pages} must select only page 1
     * ({@link PageRange#ALL}, {@code "1"}).
     */
    public List<PageImage> decodeAny(byte[] bytes, PageRange pages) {
        List<PageImage> out = new ArrayList<>();
        forEachPage(bytes, pages, (page, image) -> out.add(image));
        return out;
    }

    /** Streaming form of {@link #decodeAny}: each page goes to {@code sink} with its 1-based number. */
    public void forEachPage(byte[] bytes, PageRange pages, BiConsumer<Integer, PageImage> sink) {
        ImageHeader header = ImageHeader.read(bytes);
        if (header.format() == ImageFormat.PDF) {
            forEachPdfPage(bytes, pages, sink);
            return;
        }
        pages.resolve(1); // BAD_OPTION for anything past page 1
        sink.accept(1, decode(bytes));
    }

    /**
     * Copies a Java2D image into BGR bytes: a plain {@code TYPE_3BYTE_BGR} image by one array copy,
     * anything else by drawing it (over white, where it is transparent) into such an image first.
     */
    public static PageImage fromBufferedImage(BufferedImage image) {
        byte[] bgr = compactBgrBytes(image);
        if (bgr != null) return new PageImage(image.getWidth(), image.getHeight(), bgr.clone());
        return ownBgrImage(toBgrImage(image));
    }

    // ---- PDF

    /**
     * The resolution to render a page at: {@code dpi}, or, for a page that is one scanned image (an
     * image of the page's own shape, as {@code img2pdf} and scanners make them), that image's own
     * resolution where it is lower, so that the page's pixels are the scan's: a scan whose file says
     * 50 dpi gets a page of 50 inches, which at 200 dpi would be 16 times the scan's pixels (and above
     * the pixel cap) for no detail. Such a page is also rendered small enough to hold at most
     * {@code scanPixels} pixels: PDFBox decodes the scan and draws the page on the Java heap (about
     * ten bytes a pixel in all), so a 35-megapixel scan would not fit a small heap. Never below 1 dpi.
     */
    static int renderDpi(org.apache.pdfbox.pdmodel.PDPage page, int dpi, long scanPixels) {
        PDRectangle crop = page.getCropBox();
        double w = crop.getWidth(), h = crop.getHeight();
        if (!(w > 0 && h > 0)) return dpi;
        double best = 0;
        try {
            org.apache.pdfbox.pdmodel.PDResources res = page.getResources();
            if (res == null) return dpi;
            for (org.apache.pdfbox.cos.COSName name : res.getXObjectNames()) {
                if (!res.isImageXObject(name)) continue;
                if (!(res.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img)) continue;
                int iw = img.getWidth(), ih = img.getHeight();
                if (iw <= 0 || ih <= 0) continue;
                // the page's shape, either way round (a scan placed turned)
                double native_;
                if (Math.abs((double) iw / ih - w / h) <= 0.03 * (w / h)) native_ = iw / (w / 72.0);
                else if (Math.abs((double) ih / iw - w / h) <= 0.03 * (w / h)) native_ = ih / (w / 72.0);
                else continue;
                best = Math.max(best, native_);
            }
        } catch (IOException | RuntimeException e) {
            return dpi; // the renderer will say what is wrong with the page
        }
        if (!(best > 0)) return dpi;
        double fit = 72.0 * Math.sqrt(scanPixels / (w * h)); // the dpi at which the page holds scanPixels
        double chosen = Math.min(Math.min(best, dpi), fit);
        return chosen >= dpi ? dpi : Math.max(1, (int) Math.floor(chosen));
    }

    /**
     * The pixel size of a page that is nothing but one upright JPEG scan (one image of the page's
     * shape, an RGB or gray JPEG as its only filter, no page rotation, a content stream that only
     * places it: what {@code img2pdf} and most scanners write), or null for any other page. Such a
     * page is read from the JPEG itself ({@link #jpegScan}), as a JPEG file would be: at the scan's
     * own pixels, with the native decoder, instead of PDFBox drawing it on the heap (for a
     * 35-megapixel scan some 300 MB).
     */
    static dev.lector.geometry.Size jpegScanSize(org.apache.pdfbox.pdmodel.PDPage page) {
        org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject only = onlyJpeg(page);
        return only == null ? null : new dev.lector.geometry.Size(only.getWidth(), only.getHeight());
    }

    /** A page of {@link #jpegScanSize} decoded from its JPEG; null when it is not one or does not decode to that size. */
    PageImage jpegScan(org.apache.pdfbox.pdmodel.PDPage page) {
        org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject only = onlyJpeg(page);
        if (only == null) return null;
        try {
            byte[] jpeg;
            try (java.io.InputStream raw = only.getCOSObject().createRawInputStream()) {
                jpeg = raw.readAllBytes();
            }
            PageImage decoded = decode(jpeg);
            // an EXIF turn (which PDF viewers do not apply) or any surprise: draw the page instead
            return decoded.width() == only.getWidth() && decoded.height() == only.getHeight() ? decoded : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject onlyJpeg(org.apache.pdfbox.pdmodel.PDPage page) {
        try {
            if (page.getRotation() % 360 != 0) return null;
            org.apache.pdfbox.pdmodel.PDResources res = page.getResources();
            if (res == null) return null;
            org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject only = null;
            for (org.apache.pdfbox.cos.COSName name : res.getXObjectNames()) {
                if (!res.isImageXObject(name) || only != null) return null;
                if (!(res.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img)) return null;
                only = img;
            }
            if (only == null) return null;
            List<org.apache.pdfbox.cos.COSName> filters = only.getStream().getFilters();
            if (filters.size() != 1 || !filters.getFirst().equals(org.apache.pdfbox.cos.COSName.DCT_DECODE)) return null;
            String space = only.getCOSObject().getNameAsString(org.apache.pdfbox.cos.COSName.COLORSPACE);
            if (!"DeviceRGB".equals(space) && !"DeviceGray".equals(space)) return null;
            PDRectangle crop = page.getCropBox();
            int iw = only.getWidth(), ih = only.getHeight();
            if (iw <= 0 || ih <= 0 || Math.abs((double) iw / ih - crop.getWidth() / crop.getHeight()) > 0.01 * crop.getWidth() / crop.getHeight()) return null;
            long contentBytes;
            try (java.io.InputStream in = page.getContents()) {
                contentBytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return contentBytes > 256 ? null : only; // more than "q w 0 0 h x y cm /Im Do Q": draw the page instead
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Pixels a scanned PDF page may render to: a sixteenth of the heap in pixels, at most the pixel cap. */
    static long scanPixelBudget(ImageLimits limits) {
        return Math.max(1_000_000L, Math.min(limits.maxPixels(), Runtime.getRuntime().maxMemory() / 16));
    }

    // ---- checks

    private void checkPixels(String what, long width, long height) {
        checkPixels(limits, what, width, height);
    }

    static void checkPixels(ImageLimits limits, String what, long width, long height) {
        long pixels = width * height;
        if (pixels > limits.maxPixels()) {
            throw new InputException(InputException.Reason.TOO_LARGE, what + " is " + width + "x" + height + " = "
                    + describePixels(pixels, limits.maxPixels()) + ", above the limit of "
                    + describePixels(limits.maxPixels(), limits.maxPixels()));
        }
        if (pixels > MAX_ARRAY_PIXELS) {
            throw new InputException(InputException.Reason.TOO_LARGE, what + " is " + width + "x" + height + " = "
                    + pixels + " pixels, more than one page image can hold (" + MAX_ARRAY_PIXELS + " pixels)");
        }
    }

    /** Megapixels with one decimal, or whole pixels when the limit is too small for that to be useful. */
    private static String describePixels(long pixels, long limit) {
        return limit >= 100_000 ? String.format(Locale.ROOT, "%.1f MP", pixels / 1e6) : pixels + " pixels";
    }

    private static void checkPngChunks(byte[] bytes, ImageHeader header) {
        String broken = PngStructure.brokenChunk(bytes);
        if (broken != null) {
            throw new InputException(InputException.Reason.UNDECODABLE, "PNG image of " + bytes.length + " bytes ("
                    + header.width() + "x" + header.height() + ") is broken: " + broken);
        }
    }

    private static void checkJpegComplete(byte[] bytes, ImageHeader header) {
        if (!JpegStructure.reachesEndOfImage(bytes)) {
            throw new InputException(InputException.Reason.UNDECODABLE, "JPEG is truncated: its " + bytes.length
                    + " bytes end before the end-of-image marker (FF D9) of a " + header.width() + "x"
                    + header.height() + " image");
        }
    }

    /**
     * Checks the decode came out at the header's size divided by {@code factor} (rounded up), or
     * turned by the EXIF orientation (5..8); returns whether it was turned.
     */
    private static boolean checkDecoded(Mat decoded, ImageHeader header, int byteCount, int factor) {
        if (decoded == null || decoded.isNull() || decoded.empty()) {
            throw new InputException(InputException.Reason.UNDECODABLE, header.format() + " image of " + byteCount
                    + " bytes (header says " + header.width() + "x" + header.height() + ") could not be decoded");
        }
        int rows = decoded.rows(), cols = decoded.cols();
        int w = Math.ceilDiv(header.width(), factor), h = Math.ceilDiv(header.height(), factor);
        boolean asDeclared = rows == h && cols == w;
        boolean turned = rows == w && cols == h;
        if (!asDeclared && !turned) {
            throw new InputException(InputException.Reason.UNDECODABLE, header.format() + " image decoded"
                    + (factor == 1 ? "" : " at 1/" + factor) + " to " + cols + "x" + rows + " although its header says "
                    + header.width() + "x" + header.height() + ": the data is truncated or broken");
        }
        return !asDeclared;
    }

    /** PNG colour types 4 and 6, or a tRNS chunk before the image data; WebP with its alpha flag. */
    private static boolean hasAlphaChannel(byte[] b, ImageHeader header) {
        return switch (header.format()) {
            case PNG -> {
                int colourType = b.length > 25 ? b[25] & 0xFF : 0;
                yield colourType == 4 || colourType == 6 || pngHasTransparencyChunk(b);
            }
            case WEBP -> {
                String chunk = new String(b, 12, 4, StandardCharsets.ISO_8859_1);
                if (chunk.equals("VP8X")) yield (b[20] & 0x10) != 0;
                if (chunk.equals("VP8L")) yield (b[24] & 0x10) != 0; // alpha_is_used bit after the 28 size bits
                yield false;
            }
            default -> false;
        };
    }

    private static boolean pngHasTransparencyChunk(byte[] b) {
        int pos = 8;
        while (pos + 8 <= b.length) {
            long length = (b[pos] & 0xFFL) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("tRNS")) return true;
            if (type.equals("IDAT") || type.equals("IEND")) return false;
            pos += 12 + (int) Math.min(length, Integer.MAX_VALUE - 12L);
            if (pos < 0) return false;
        }
        return false;
    }

    // ---- Java2D

    /** The pixel bytes of a plain, unshared TYPE_3BYTE_BGR image, or null when it is anything else. */
    private static byte[] compactBgrBytes(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) return null;
        WritableRaster raster = image.getRaster();
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
                || buffer.getOffset() != 0 || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)) {
            return null;
        }
        int w = image.getWidth(), h = image.getHeight();
        byte[] data = buffer.getData();
        boolean compact = model.getPixelStride() == 3 && model.getScanlineStride() == 3 * w
                && Arrays.equals(model.getBandOffsets(), new int[] {2, 1, 0}) && data.length == 3 * w * h;
        return compact ? data : null;
    }

    /** Takes the bytes of an image nobody else holds, without copying when it is already compact BGR. */
    static PageImage ownBgrImage(BufferedImage image) {
        byte[] bgr = compactBgrBytes(image);
        if (bgr == null) bgr = compactBgrBytes(toBgrImage(image));
        return new PageImage(image.getWidth(), image.getHeight(), bgr);
    }

    /** The page as a Java2D image ({@code TYPE_3BYTE_BGR}, its own copy of the pixels). */
    public static BufferedImage toBufferedImage(PageImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((java.awt.image.DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        System.arraycopy(img.bgr(), 0, dst, 0, dst.length);
        return bi;
    }

    private static BufferedImage toBgrImage(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }
}
