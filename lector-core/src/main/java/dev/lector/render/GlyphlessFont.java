package dev.lector.render;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal TrueType font with no visible glyphs, for invisible text layers: 1000 units per em,
 * ascender 800, descender -200, two empty glyphs ({@code .notdef} and the one every character of
 * the text layer maps to), each 500 units wide (the PDF's {@code /W} array gives CJK characters
 * their full em). Made here, byte by byte, from the OpenType specification's required tables, so
 * nothing is fetched or licensed from elsewhere; about 600 bytes.
 */
final class GlyphlessFont {
    static final String NAME = "LectorGlyphless";
    static final int UNITS_PER_EM = 1000, ASCENT = 800, DESCENT = -200, ADVANCE = 500;

    private static final byte[] FONT = build();

    private GlyphlessFont() {}

    /** The font file (a copy). */
    static byte[] bytes() {
        return FONT.clone();
    }

    private static byte[] build() {
        Map<String, byte[]> tables = new LinkedHashMap<>(); // tags in ascending order, as the directory needs
        tables.put("OS/2", os2());
        tables.put("cmap", cmap());
        tables.put("glyf", new byte[0]);
        tables.put("head", head());
        tables.put("hhea", hhea());
        tables.put("hmtx", buf(8).putShort((short) ADVANCE).putShort((short) 0).putShort((short) ADVANCE).putShort((short) 0).array());
        tables.put("loca", new byte[6]); // short offsets: both glyphs empty
        tables.put("maxp", maxp());
        tables.put("name", name());
        // post 2.0: glyph names .notdef and space (standard Macintosh names 0 and 3)
        tables.put("post", buf(38).putInt(0x00020000).putInt(0).putShort((short) -100).putShort((short) 50)
                .position(32).putShort((short) 2).putShort((short) 0).putShort((short) 3).array());
        int n = tables.size();
        int headerSize = 12 + 16 * n;
        ByteBuffer dir = buf(headerSize);
        int pow = Integer.highestOneBit(n);
        dir.putInt(0x00010000).putShort((short) n).putShort((short) (pow * 16))
                .putShort((short) Integer.numberOfTrailingZeros(pow)).putShort((short) (n * 16 - pow * 16));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int offset = headerSize, headOffset = 0;
        for (Map.Entry<String, byte[]> t : tables.entrySet()) {
            byte[] data = t.getValue();
            if (t.getKey().equals("head")) headOffset = offset;
            dir.put(t.getKey().getBytes(StandardCharsets.US_ASCII)).putInt(checksum(data)).putInt(offset).putInt(data.length);
            byte[] padded = new byte[(data.length + 3) & ~3];
            System.arraycopy(data, 0, padded, 0, data.length);
            body.writeBytes(padded);
            offset += padded.length;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(dir.array());
        all.writeBytes(body.toByteArray());
        byte[] font = all.toByteArray();
        int adjustment = (int) (0xB1B0AFBAL - (checksum(font) & 0xFFFFFFFFL));
        ByteBuffer.wrap(font).putInt(headOffset + 8, adjustment);
        return font;
    }

    private static ByteBuffer buf(int size) {
        return ByteBuffer.allocate(size);
    }

    private static int checksum(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(java.util.Arrays.copyOf(data, (data.length + 3) & ~3));
        int sum = 0;
        while (b.hasRemaining()) sum += b.getInt();
        return sum;
    }

    private static byte[] head() {
        return buf(54).putInt(0x00010000).putInt(0x00010000).putInt(0) // version, revision, checkSumAdjustment
                .putInt(0x5F0F3CF5).putShort((short) 0x000B).putShort((short) UNITS_PER_EM)
                .putLong(0).putLong(0) // created, modified
                .putShort((short) 0).putShort((short) DESCENT).putShort((short) ADVANCE).putShort((short) ASCENT) // bbox
                .putShort((short) 0).putShort((short) 8).putShort((short) 2) // macStyle, lowestRecPPEM, direction hint
                .putShort((short) 0).putShort((short) 0).array(); // short loca, glyph data format
    }

    private static byte[] hhea() {
        ByteBuffer b = buf(36).putInt(0x00010000).putShort((short) ASCENT).putShort((short) DESCENT).putShort((short) 0)
                .putShort((short) ADVANCE).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 1).putShort((short) 0).putShort((short) 0);
        b.position(34);
        return b.putShort((short) 2).array(); // numberOfHMetrics
    }

    private static byte[] maxp() {
        ByteBuffer b = buf(32).putInt(0x00010000).putShort((short) 2);
        b.position(14);
        return b.putShort((short) 2).array(); // maxZones; everything else 0
    }

    /** Format 4: the space maps to glyph 1; the PDF maps its characters to glyphs itself (CIDToGIDMap). */
    private static byte[] cmap() {
        return buf(12 + 32).putShort((short) 0).putShort((short) 1)
                .putShort((short) 3).putShort((short) 1).putInt(12)
                .putShort((short) 4).putShort((short) 32).putShort((short) 0).putShort((short) 4) // segCountX2
                .putShort((short) 4).putShort((short) 1).putShort((short) 0) // searchRange, entrySelector, rangeShift
                .putShort((short) 0x20).putShort((short) 0xFFFF).putShort((short) 0) // end codes, pad
                .putShort((short) 0x20).putShort((short) 0xFFFF) // start codes
                .putShort((short) (1 - 0x20)).putShort((short) 1) // deltas
                .putShort((short) 0).putShort((short) 0) // range offsets
                .array();
    }

    private static byte[] name() {
        String[] values = {NAME, "Regular", NAME, NAME};
        int[] ids = {1, 2, 4, 6};
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        ByteBuffer head = buf(6 + 12 * ids.length).putShort((short) 0).putShort((short) ids.length)
                .putShort((short) (6 + 12 * ids.length));
        for (int i = 0; i < ids.length; i++) {
            byte[] s = values[i].getBytes(StandardCharsets.UTF_16BE);
            head.putShort((short) 3).putShort((short) 1).putShort((short) 0x409).putShort((short) ids[i])
                    .putShort((short) s.length).putShort((short) strings.size());
            strings.writeBytes(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    private static byte[] os2() {
        ByteBuffer b = buf(96).putShort((short) 4).putShort((short) ADVANCE).putShort((short) 400).putShort((short) 5)
                .putShort((short) 0) // fsType 0: installable embedding
                .putShort((short) 650).putShort((short) 600).putShort((short) 0).putShort((short) 75)
                .putShort((short) 650).putShort((short) 600).putShort((short) 0).putShort((short) 350)
                .putShort((short) 50).putShort((short) 250).putShort((short) 0);
        b.position(58);
        b.put("LECT".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0x0040).putShort((short) 0x20).putShort((short) 0xFFFF)
                .putShort((short) ASCENT).putShort((short) DESCENT).putShort((short) 0)
                .putShort((short) ASCENT).putShort((short) -DESCENT);
        b.position(86);
        return b.putShort((short) 500).putShort((short) 700).putShort((short) 0).putShort((short) 0x20).putShort((short) 0).array();
    }
}
