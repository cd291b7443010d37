package dev.lector.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The text layer's font in one PDF: a Type 0 font (Identity-H, two bytes a character) over the
 * {@link GlyphlessFont}, whose character ids are handed out as the text is written, one per
 * distinct code point (so characters outside the Basic Multilingual Plane take one id too). Its
 * ToUnicode map turns each id back into its code point, so text copies out exactly; wide (CJK)
 * characters are a full em wide, the rest half. Call {@link #finish()} once all text is written.
 * Not thread-safe: one per document being written.
 */
final class TextLayerFont {
    private static final int MAX_CID = 0xFFFF;

    /**
     * One font dictionary of the text layer: the font with its own ascent and descent (in units of
     * 1/1000 em, descent negative), so that a line set at one font size can have a box of any
     * height with its baseline anywhere inside it ({@link TextLayer}). All variants share the
     * font program, widths, character map and ToUnicode map.
     */
    record Variant(int ascent, int descent, COSDictionary dictionary) {}

    private final PDDocument doc;
    private final COSStream fontFile;
    private final COSObject systemInfo;
    private final Map<Long, Variant> variants = new LinkedHashMap<>();
    private final List<COSDictionary> cidFonts = new ArrayList<>();
    private final Map<Integer, Integer> cids = new HashMap<>();
    private final List<Integer> codePoints = new ArrayList<>(); // index = cid - 1

    TextLayerFont(PDDocument doc) {
        this.doc = doc;
        COSDictionary info = new COSDictionary();
        info.setString(COSName.REGISTRY, "Adobe");
        info.setString(COSName.ORDERING, "Identity");
        info.setInt(COSName.SUPPLEMENT, 0);
        systemInfo = new COSObject(info); // one object, referred to by every variant
        byte[] file = GlyphlessFont.bytes();
        fontFile = stream(file, true);
        fontFile.setInt(COSName.LENGTH1, file.length);
    }

    /** The variant with the font's own ascent and descent. */
    Variant standard() {
        return variant(GlyphlessFont.ASCENT, GlyphlessFont.DESCENT);
    }

    /**
     * The variant with this ascent and descent (units of 1/1000 em; both are made at least 1 unit
     * away from the baseline, as readers take 0 for "not given"), made the first time it is asked for.
     */
    Variant variant(int ascent, int descent) {
        int a = Math.max(1, ascent), d = Math.min(-1, descent);
        return variants.computeIfAbsent(((long) a << 32) | (d & 0xFFFFFFFFL), k -> make(a, d));
    }

    private Variant make(int ascent, int descent) {
        String name = GlyphlessFont.NAME;
        COSDictionary type0 = new COSDictionary();
        type0.setItem(COSName.TYPE, COSName.FONT);
        type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
        type0.setName(COSName.BASE_FONT, name);
        type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
        COSDictionary cidFont = new COSDictionary();
        cidFont.setItem(COSName.TYPE, COSName.FONT);
        cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
        cidFont.setName(COSName.BASE_FONT, name);
        cidFont.setItem(COSName.CIDSYSTEMINFO, systemInfo);
        cidFont.setInt(COSName.DW, GlyphlessFont.ADVANCE);
        COSDictionary descriptor = new COSDictionary();
        descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
        descriptor.setName(COSName.FONT_NAME, name);
        descriptor.setInt(COSName.FLAGS, 5); // fixed pitch, symbolic
        COSArray bbox = new COSArray();
        for (int v : new int[] {0, descent, 1000, ascent}) bbox.add(COSInteger.get(v));
        descriptor.setItem(COSName.FONT_BBOX, bbox);
        descriptor.setInt(COSName.ITALIC_ANGLE, 0);
        descriptor.setInt(COSName.ASCENT, ascent);
        descriptor.setInt(COSName.DESCENT, descent);
        descriptor.setInt(COSName.CAP_HEIGHT, Math.max(1, ascent * 7 / 8));
        descriptor.setInt(COSName.STEM_V, 80);
        descriptor.setItem(COSName.FONT_FILE2, fontFile);
        cidFont.setItem(COSName.FONT_DESC, descriptor);
        COSArray descendants = new COSArray();
        descendants.add(cidFont);
        type0.setItem(COSName.DESCENDANT_FONTS, descendants);
        cidFonts.add(cidFont);
        return new Variant(ascent, descent, type0);
    }

    /** The character id of {@code codePoint}, handing out the next one the first time (0, .notdef, once all are used). */
    int cid(int codePoint) {
        Integer c = cids.get(codePoint);
        if (c != null) return c;
        if (codePoints.size() >= MAX_CID) return 0;
        codePoints.add(codePoint);
        cids.put(codePoint, codePoints.size());
        return codePoints.size();
    }

    /** Key of the gap filler in the code point maps (no code point is negative). */
    static final int FILLER = -1;
    /** What the gap filler reads as: two spaces (poppler takes a lone space for a word break, not a glyph). */
    static final String FILLER_TEXT = "  ";

    /** The gap filler ({@link #FILLER_TEXT}, half an em wide) as a hex string for {@code Tj}. */
    String fillerHex() {
        return String.format("<%04X>", cid(FILLER));
    }

    /** {@code s} as a hex string of two-byte character ids, for {@code Tj}. */
    String hex(String s) {
        StringBuilder sb = new StringBuilder(s.length() * 4 + 2).append('<');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.append(String.format("%04X", cid(cp)));
            i += Character.charCount(cp);
        }
        return sb.append('>').toString();
    }

    /** Advance of {@code s} in ems at font size 1 (wide characters 1, others 0.5). */
    static double advance(String s) {
        return TextWidth.halfEms(s) * GlyphlessFont.ADVANCE / 1000.0;
    }

    /** Writes the widths, the character-to-glyph map and the ToUnicode map for every id handed out. */
    void finish() {
        int max = codePoints.size();
        COSArray w = new COSArray();
        int cid = 1;
        while (cid <= max) { // runs of wide characters: c [1000 1000 ...]
            if (!TextWidth.isWide(codePoints.get(cid - 1))) {
                cid++;
                continue;
            }
            COSArray widths = new COSArray();
            int first = cid;
            while (cid <= max && TextWidth.isWide(codePoints.get(cid - 1))) {
                widths.add(COSInteger.get(1000));
                cid++;
            }
            w.add(COSInteger.get(first));
            w.add(widths);
        }
        byte[] toGid = new byte[2 * (max + 1)];
        for (int c = 1; c <= max; c++) toGid[2 * c + 1] = 1; // every character: glyph 1
        COSStream cidToGid = stream(toGid, true);
        COSStream toUnicode = stream(toUnicode().getBytes(StandardCharsets.US_ASCII), true);
        COSObject widths = new COSObject(w); // one array, referred to by every variant
        for (COSDictionary cidFont : cidFonts) {
            cidFont.setItem(COSName.W, widths);
            cidFont.setItem(COSName.CID_TO_GID_MAP, cidToGid);
        }
        for (Variant v : variants.values()) v.dictionary().setItem(COSName.TO_UNICODE, toUnicode);
    }

    private String toUnicode() {
        StringBuilder sb = new StringBuilder(256 + codePoints.size() * 20);
        sb.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        for (int start = 0; start < codePoints.size(); start += 100) { // at most 100 entries a section
            int end = Math.min(codePoints.size(), start + 100);
            sb.append(end - start).append(" beginbfchar\n");
            for (int i = start; i < end; i++) {
                sb.append(String.format("<%04X> <", i + 1));
                int cp = codePoints.get(i);
                String text = cp == FILLER ? FILLER_TEXT : new String(Character.toChars(cp));
                for (char ch : text.toCharArray()) sb.append(String.format("%04X", (int) ch));
                sb.append(">\n");
            }
            sb.append("endbfchar\n");
        }
        sb.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return sb.toString();
    }

    private COSStream stream(byte[] data, boolean flate) {
        COSStream s = doc.getDocument().createCOSStream();
        try (OutputStream out = flate ? s.createOutputStream(COSName.FLATE_DECODE) : s.createOutputStream()) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a font stream", e);
        }
        return s;
    }
}
