package dev.lector.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
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

    private final PDDocument doc;
    private final COSDictionary type0 = new COSDictionary();
    private final COSDictionary cidFont = new COSDictionary();
    private final Map<Integer, Integer> cids = new HashMap<>();
    private final List<Integer> codePoints = new ArrayList<>(); // index = cid - 1

    TextLayerFont(PDDocument doc) {
        this.doc = doc;
        type0.setItem(COSName.TYPE, COSName.FONT);
        type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
        type0.setName(COSName.BASE_FONT, GlyphlessFont.NAME);
        type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
        cidFont.setItem(COSName.TYPE, COSName.FONT);
        cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
        cidFont.setName(COSName.BASE_FONT, GlyphlessFont.NAME);
        COSDictionary info = new COSDictionary();
        info.setString(COSName.REGISTRY, "Adobe");
        info.setString(COSName.ORDERING, "Identity");
        info.setInt(COSName.SUPPLEMENT, 0);
        cidFont.setItem(COSName.CIDSYSTEMINFO, info);
        cidFont.setInt(COSName.DW, GlyphlessFont.ADVANCE);
        COSDictionary descriptor = new COSDictionary();
        descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
        descriptor.setName(COSName.FONT_NAME, GlyphlessFont.NAME);
        descriptor.setInt(COSName.FLAGS, 5); // fixed pitch, symbolic
        COSArray bbox = new COSArray();
        for (int v : new int[] {0, GlyphlessFont.DESCENT, 1000, GlyphlessFont.ASCENT}) bbox.add(COSInteger.get(v));
        descriptor.setItem(COSName.FONT_BBOX, bbox);
        descriptor.setInt(COSName.ITALIC_ANGLE, 0);
        descriptor.setInt(COSName.ASCENT, GlyphlessFont.ASCENT);
        descriptor.setInt(COSName.DESCENT, GlyphlessFont.DESCENT);
        descriptor.setInt(COSName.CAP_HEIGHT, 700);
        descriptor.setInt(COSName.STEM_V, 80);
        byte[] file = GlyphlessFont.bytes();
        COSStream fontFile = stream(file, true);
        fontFile.setInt(COSName.LENGTH1, file.length);
        descriptor.setItem(COSName.FONT_FILE2, fontFile);
        cidFont.setItem(COSName.FONT_DESC, descriptor);
        COSArray descendants = new COSArray();
        descendants.add(cidFont);
        type0.setItem(COSName.DESCENDANT_FONTS, descendants);
    }

    /** The font dictionary to put in a page's resources. */
    COSDictionary dictionary() {
        return type0;
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
        cidFont.setItem(COSName.W, w);
        byte[] toGid = new byte[2 * (max + 1)];
        for (int c = 1; c <= max; c++) toGid[2 * c + 1] = 1; // every character: glyph 1
        cidFont.setItem(COSName.CID_TO_GID_MAP, stream(toGid, true));
        type0.setItem(COSName.TO_UNICODE, stream(toUnicode().getBytes(StandardCharsets.US_ASCII), true));
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
                for (char ch : Character.toChars(codePoints.get(i))) sb.append(String.format("%04X", (int) ch));
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
