package dev.lector.render;

import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageFormat;
import dev.lector.image.ImageHeader;
import dev.lector.image.ImageLimits;
import dev.lector.image.InputException;
import dev.lector.image.PageRange;
import dev.lector.result.Document;
import dev.lector.result.Page;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;

/**
 * Searchable PDF from a {@link Document}: the page images with an invisible text layer
 * ({@link TextLayer}) that reads in the Document's reading order and selects where the words are
 * printed.
 * <ul>
 * <li>Image in ({@link #fromImage}): one PDF page per Document page, sized from the image's own
 *     resolution (JPEG JFIF/EXIF, PNG pHYs, TIFF tags; {@link #DEFAULT_DPI} when the file gives
 *     none or an implausible one). A JPEG is embedded as its own bytes (DCTDecode, EXIF
 *     orientation applied by the placement matrix), a PNG as its own compressed data where PDF
 *     allows it (else losslessly re-compressed), a bilevel CCITT TIFF page as its own data, other
 *     images losslessly (Flate). The pages of a multi-page TIFF are embedded by page number.</li>
 * <li>PDF in ({@link #addTextLayer}): the file is kept byte for byte and the text layer appended
 *     as an incremental update (one new content stream a page, the page's own streams untouched),
 *     on the Document's pages only, placed through the inverse of the transform the page was
 *     rendered with ({@code /CropBox}, {@code /Rotate}, the render dpi). {@link #plan} says which
 *     pages need OCR: those without text of their own, or every selected page when forced.</li>
 * </ul>
 * Metadata: producer {@code Lector <version>}, title from the file name (a PDF's own title is kept).
 * Encrypted PDFs are refused. Thread-safe (no shared state).
 */
public final class SearchablePdf {
    public static final String MEDIA_TYPE = "application/pdf";

    /**
     * Resolution assumed when an image does not state a plausible one: 300 dpi, the usual
     * resolution of document scans made for OCR (an A4 page is then 2480 x 3508 px), so that a
     * scan without metadata comes out at its paper size.
     */
    public static final double DEFAULT_DPI = 300;

    /** Resolutions outside this range are taken as unset (0, 1 and 72 "dpi" placeholders sit mostly below it). */
    static final double MIN_DPI = 50, MAX_DPI = 4800;

    /** PDF's largest page side (ISO 32000 implementation limit: 14 400 units, 200 inches). */
    static final double MAX_SIDE_PT = 14_400;

    private static final String FONT_KEY = "LectorOCR";

    private SearchablePdf() {}

    /** Which selected pages of a PDF get a text layer and which keep only their own text. */
    public record Plan(int pageCount, List<Integer> ocr, List<Integer> withText) {
        public Plan {
            ocr = List.copyOf(ocr);
            withText = List.copyOf(withText);
        }

        /** The pages to OCR as a range; only when there are some ({@link PageRange}'s empty range means all). */
        public PageRange ocrRange() {
            if (ocr.isEmpty()) throw new IllegalStateException("no pages to OCR");
            List<PageRange.Span> spans = new ArrayList<>();
            for (int p : ocr) spans.add(new PageRange.Span(p, p));
            return new PageRange(spans);
        }
    }

    /** A searchable PDF and the pages of the input that got a text layer. */
    public record Result(byte[] pdf, List<Integer> ocrPages, List<Integer> skippedPages) {
        public Result {
            ocrPages = List.copyOf(ocrPages);
            skippedPages = List.copyOf(skippedPages);
        }
    }

    /**
     * The selected pages of {@code pdf} to OCR: those with no text (as PDFBox extracts it), or all
     * of them with {@code forceOcr}.
     *
     * @throws InputException for an encrypted, broken or not-a-PDF input, or pages past the end
     */
    public static Plan plan(byte[] pdf, PageRange pages, boolean forceOcr) {
        try (PDDocument doc = load(pdf)) {
            int count = doc.getNumberOfPages();
            List<Integer> selected = pages.resolve(count);
            if (forceOcr) return new Plan(count, selected, List.of());
            List<Integer> ocr = new ArrayList<>(), text = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p : selected) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String t;
                try {
                    t = stripper.getText(doc);
                } catch (IOException | RuntimeException e) {
                    t = ""; // text that cannot be read does not count
                }
                (t.isBlank() ? ocr : text).add(p);
            }
            return new Plan(count, ocr, text);
        } catch (IOException e) {
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF could not be closed: " + e.getMessage(), e);
        }
    }

    /**
     * Dispatches on the input: {@link #addTextLayer} for a PDF, {@link #fromImage} for an image.
     *
     * @param renderDpi  the dpi the PDF's pages were rendered at for reading ({@link ImageLimits#pdfDpi()})
     * @param skipped    pages of a PDF left alone because they have text (reported back)
     * @param fileName   the input's file name, for the title, or null
     */
    public static Result render(byte[] input, Document doc, int renderDpi, List<Integer> skipped, String fileName) {
        if (ImageHeader.isPdf(input)) return addTextLayer(input, doc, renderDpi, skipped, fileName);
        List<Integer> pages = doc.pages().stream().map(Page::number).toList();
        return new Result(fromImage(input, doc, fileName), pages, List.of());
    }

    // ---- image in

    /**
     * A new PDF of the image's pages (one per Document page, by number) with their text layers.
     *
     * @throws InputException when the image cannot be read
     */
    public static byte[] fromImage(byte[] image, Document doc, String fileName) {
        ImageHeader header = ImageHeader.read(image);
        if (header.format() == ImageFormat.PDF) throw new IllegalArgumentException("the input is a PDF: use addTextLayer");
        ImageResolution res = ImageResolution.read(image);
        try (PDDocument pdf = new PDDocument()) {
            TextLayerFont font = new TextLayerFont(pdf);
            for (Page page : doc.pages()) {
                Embedded img = embed(pdf, image, header, page);
                addImagePage(pdf, img, res, page, font);
            }
            if (doc.pages().isEmpty()) throw new IllegalArgumentException("a PDF needs at least one page");
            font.finish();
            setInfo(pdf, fileName, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream(image.length + 16_384);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new InputException(InputException.Reason.UNDECODABLE, header.format() + " image could not be written to PDF: "
                    + e.getMessage(), e);
        }
    }

    /** An embedded image and the EXIF orientation its placement must apply (1 for all but JPEG). */
    private record Embedded(PDImageXObject image, int orientation) {}

    private static Embedded embed(PDDocument pdf, byte[] bytes, ImageHeader header, Page page) throws IOException {
        switch (header.format()) {
            case JPEG -> {
                return new Embedded(JPEGFactory.createFromByteArray(pdf, bytes), ImageResolution.read(bytes).orientation());
            }
            case PNG -> {
                return new Embedded(PDImageXObject.createFromByteArray(pdf, bytes, "image.png"), 1);
            }
            case TIFF -> {
                try {
                    return new Embedded(CCITTFactory.createFromByteArray(pdf, bytes, page.number() - 1), 1);
                } catch (IOException | RuntimeException notCcitt) {
                    BufferedImage tiffPage = tiffPage(bytes, page.number() - 1);
                    if (tiffPage != null) return new Embedded(LosslessFactory.createFromImage(pdf, tiffPage), 1);
                }
            }
            default -> { }
        }
        if (page.number() != 1) {
            throw new InputException(InputException.Reason.UNDECODABLE, "page " + page.number() + " of the "
                    + header.format() + " image could not be read for the PDF");
        }
        BufferedImage decoded = dev.lector.image.ImageDecoder.toBufferedImage(new ImageDecoder(ImageLimits.DEFAULT.withMaxPixels(Long.MAX_VALUE / 4)).decode(bytes));
        return new Embedded(LosslessFactory.createFromImage(pdf, decoded), 1);
    }

    /** Page {@code index} of a TIFF through the JDK's TIFF reader, or null when it cannot give it. */
    private static BufferedImage tiffPage(byte[] bytes, int index) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.read(index);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void addImagePage(PDDocument pdf, Embedded img, ImageResolution res, Page page, TextLayerFont font)
            throws IOException {
        int rawW = img.image().getWidth(), rawH = img.image().getHeight();
        int o = img.orientation();
        boolean turned = o >= 5;
        if ((turned ? rawH : rawW) != page.width() || (turned ? rawW : rawH) != page.height()) {
            // the reader saw the image unturned (or turned otherwise): believe the pixels it read
            if (rawW == page.width() && rawH == page.height()) {
                o = 1;
                turned = false;
            }
        }
        int w = turned ? rawH : rawW, h = turned ? rawW : rawH; // the image as shown
        double xDpi = res.xDpi(), yDpi = res.yDpi();
        if (turned) {
            double t = xDpi;
            xDpi = yDpi;
            yDpi = t;
        }
        if (!(xDpi >= MIN_DPI && xDpi <= MAX_DPI && yDpi >= MIN_DPI && yDpi <= MAX_DPI)) xDpi = yDpi = DEFAULT_DPI;
        double wPt = w * 72 / xDpi, hPt = h * 72 / yDpi;
        double over = Math.max(wPt, hPt) / MAX_SIDE_PT;
        if (over > 1) {
            wPt /= over;
            hPt /= over;
        }
        PDPage pdPage = new PDPage(new PDRectangle((float) wPt, (float) hPt));
        pdf.addPage(pdPage);
        // shown-image pixels -> user space
        AffineTransform toUser = new AffineTransform(wPt / w, 0, 0, -hPt / h, 0, hPt);
        AffineTransform place = new AffineTransform(toUser);
        place.concatenate(exif(o, rawW, rawH));
        place.concatenate(new AffineTransform(rawW, 0, 0, -rawH, 0, rawH)); // unit square -> raw pixels, row 0 on top
        try (PDPageContentStream cs = new PDPageContentStream(pdf, pdPage)) {
            cs.saveGraphicsState();
            cs.transform(new Matrix(place));
            cs.drawImage(img.image(), 0, 0, 1, 1);
            cs.restoreGraphicsState();
        }
        AffineTransform textToUser = new AffineTransform(toUser);
        textToUser.scale((double) w / page.width(), (double) h / page.height());
        appendTextLayer(pdf, pdPage, page, textToUser, font, null);
    }

    /** Raw (stored) pixel -> shown pixel for EXIF orientation {@code o} of a {@code w x h} image. */
    static AffineTransform exif(int o, int w, int h) {
        return switch (o) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }

    // ---- PDF in

    /**
     * The PDF with a text layer added to each page of {@code doc} (pages by their number), as an
     * incremental update: the original bytes are the new file's first bytes.
     *
     * @param renderDpi the dpi the pages were rendered at to read them
     * @param skipped   pages left alone because they have text (only reported back)
     * @throws InputException for an encrypted or broken PDF, or a Document page the PDF lacks
     */
    public static Result addTextLayer(byte[] pdfBytes, Document doc, int renderDpi, List<Integer> skipped, String fileName) {
        try (PDDocument pdf = load(pdfBytes)) {
            int count = pdf.getNumberOfPages();
            TextLayerFont font = new TextLayerFont(pdf);
            Set<COSDictionary> changed = new HashSet<>();
            List<Integer> done = new ArrayList<>();
            for (Page page : doc.pages()) {
                if (page.number() > count) {
                    throw new InputException(InputException.Reason.BAD_OPTION, "page " + page.number()
                            + " was read, but the PDF has " + count + " pages");
                }
                PDPage pdPage = pdf.getPage(page.number() - 1);
                AffineTransform toUser = pixelsToUser(pdPage, page, renderDpi);
                appendTextLayer(pdf, pdPage, page, toUser, font, changed);
                done.add(page.number());
            }
            font.finish();
            PDDocumentInformation info = setInfo(pdf, fileName, false);
            changed.add(info.getCOSObject());
            changed.add(pdf.getDocumentCatalog().getCOSObject());
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdfBytes.length + 65_536);
            pdf.saveIncremental(out, changed); // the original bytes, then the update
            if (!startsWith(out.toByteArray(), pdfBytes)) {
                throw new IllegalStateException("the incremental update did not keep the original bytes");
            }
            return new Result(out.toByteArray(), done, skipped == null ? List.of() : skipped);
        } catch (IOException e) {
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * From pixels of the page as {@code PDFRenderer} rendered it (crop box at {@code dpi}, turned by
     * {@code /Rotate}) back to the page's user space.
     */
    static AffineTransform pixelsToUser(PDPage pdPage, Page page, int dpi) {
        PDRectangle crop = pdPage.getCropBox();
        int rotation = pdPage.getRotation();
        double cw = crop.getWidth(), ch = crop.getHeight();
        boolean turned = rotation == 90 || rotation == 270;
        double scale = dpi / 72.0;
        int expectW = (int) Math.max(Math.floor((turned ? ch : cw) * scale), 1);
        double sx = scale, sy = scale;
        if (expectW != page.width()) { // rendered at another dpi: go by the page's own size
            sx = page.width() / (turned ? ch : cw);
            sy = page.height() / (turned ? cw : ch);
        }
        AffineTransform forward = new AffineTransform(); // user space -> pixels, as PDFRenderer draws
        forward.scale(sx, sy);
        switch (rotation) {
            case 90 -> forward.translate(ch, 0);
            case 180 -> forward.translate(cw, ch);
            case 270 -> forward.translate(0, cw);
            default -> { }
        }
        if (rotation != 0) forward.rotate(Math.toRadians(rotation));
        forward.translate(0, ch);
        forward.scale(1, -1);
        forward.translate(-crop.getLowerLeftX(), -crop.getLowerLeftY());
        try {
            return forward.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new InputException(InputException.Reason.UNDECODABLE, "PDF page " + page.number() + " has an empty crop box");
        }
    }

    /**
     * Appends the page's text as a new content stream, the page's own content wrapped in q/Q by a
     * new stream before it, so that whatever state it leaves does not move the text.
     */
    private static void appendTextLayer(PDDocument pdf, PDPage pdPage, Page page, AffineTransform toUser,
                                        TextLayerFont font, Set<COSDictionary> changed) throws IOException {
        if (page.lines().isEmpty()) return;
        COSDictionary pageDict = pdPage.getCOSObject();
        COSDictionary resources = ownResources(pdPage, changed);
        COSDictionary fonts = fonts(resources, changed);
        java.util.Map<TextLayerFont.Variant, String> names = new java.util.HashMap<>();
        byte[] text = TextLayer.content(page, toUser, font, v -> names.computeIfAbsent(v, x -> {
            String stem = FONT_KEY + (names.isEmpty() ? "" : Integer.toString(names.size() + 1)); // LectorOCR, LectorOCR2, ...
            String key = stem;
            for (int i = 2; fonts.containsKey(key); i++) key = stem + "_" + i; // a name of the page's own
            fonts.setItem(key, x.dictionary());
            return key;
        }));
        COSStream before = stream(pdf, "q\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), false);
        ByteArrayOutputStream layer = new ByteArrayOutputStream(text.length + 8);
        layer.writeBytes("\nQ\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        layer.writeBytes(text);
        COSStream after = stream(pdf, layer.toByteArray(), true);
        COSArray contents = new COSArray();
        contents.add(before);
        COSBase existing = pageDict.getItem(COSName.CONTENTS);
        COSBase resolved = existing instanceof COSObject o ? o.getObject() : existing;
        if (resolved instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) contents.add(array.get(i));
        } else if (existing != null) {
            contents.add(existing);
        }
        contents.add(after);
        pageDict.setItem(COSName.CONTENTS, contents);
        if (changed != null) changed.add(pageDict);
    }

    /** The page's own resources dictionary, made from the inherited one when it has none of its own. */
    private static COSDictionary ownResources(PDPage pdPage, Set<COSDictionary> changed) {
        COSDictionary pageDict = pdPage.getCOSObject();
        COSBase own = pageDict.getDictionaryObject(COSName.RESOURCES);
        COSDictionary res;
        if (own instanceof COSDictionary d) {
            res = d;
        } else {
            res = new COSDictionary();
            COSDictionary inherited = pdPage.getResources() == null ? null : pdPage.getResources().getCOSObject();
            if (inherited != null) for (var e : inherited.entrySet()) res.setItem(e.getKey(), e.getValue());
            pageDict.setItem(COSName.RESOURCES, res);
        }
        if (changed != null) changed.add(res);
        return res;
    }

    private static COSDictionary fonts(COSDictionary resources, Set<COSDictionary> changed) {
        COSBase f = resources.getDictionaryObject(COSName.FONT);
        COSDictionary fonts;
        if (f instanceof COSDictionary d) {
            fonts = d;
        } else {
            fonts = new COSDictionary();
            resources.setItem(COSName.FONT, fonts);
        }
        if (changed != null) changed.add(fonts);
        return fonts;
    }

    private static COSStream stream(PDDocument pdf, byte[] data, boolean flate) throws IOException {
        COSStream s = pdf.getDocument().createCOSStream();
        try (OutputStream out = flate ? s.createOutputStream(COSName.FLATE_DECODE) : s.createOutputStream()) {
            out.write(data);
        }
        return s;
    }

    private static PDDocumentInformation setInfo(PDDocument pdf, String fileName, boolean replaceTitle) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setProducer(Producer.name());
        if (fileName != null && (replaceTitle || info.getTitle() == null || info.getTitle().isBlank())) {
            info.setTitle(title(fileName));
        }
        if (info.getCreationDate() == null) info.setCreationDate(Calendar.getInstance());
        info.setModificationDate(Calendar.getInstance());
        pdf.setDocumentInformation(info);
        return info;
    }

    /** The file name without its folder and extension: {@code scans/receipt-04.jpg} -> {@code receipt-04}. */
    static String title(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static PDDocument load(byte[] bytes) {
        if (!ImageHeader.isPdf(bytes)) {
            throw new InputException(InputException.Reason.UNSUPPORTED_FORMAT, "expected a PDF");
        }
        PDDocument doc;
        try {
            doc = Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw encrypted(bytes, e);
        } catch (IOException | RuntimeException e) {
            throw new InputException(InputException.Reason.UNDECODABLE,
                    "PDF of " + bytes.length + " bytes could not be read: " + e.getMessage(), e);
        }
        if (doc.isEncrypted()) {
            try {
                doc.close();
            } catch (IOException ignored) {
                // closing a document only read from memory
            }
            throw encrypted(bytes, null);
        }
        return doc;
    }

    private static InputException encrypted(byte[] bytes, Exception cause) {
        return new InputException(InputException.Reason.UNDECODABLE, "PDF of " + bytes.length
                + " bytes is encrypted: Lector does not add a text layer to encrypted PDFs (decrypt it first, e.g. qpdf --decrypt)", cause);
    }

    private static boolean startsWith(byte[] all, byte[] prefix) {
        return all.length >= prefix.length && java.util.Arrays.equals(all, 0, prefix.length, prefix, 0, prefix.length);
    }
}
