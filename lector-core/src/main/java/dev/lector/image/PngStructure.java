package dev.lector.image;

import java.nio.charset.StandardCharsets;

/**
 * Walks a PNG's chunks before OpenCV sees them. OpenCV's PNG reader allocates each chunk at its
 * declared length before reading it, so a 146-byte file whose tRNS chunk declares 4 GB made the
 * process allocate 4 GB (and spend two seconds) only to fail (found by {@code ImageInputFuzzer}).
 * A chunk whose declared length runs past the end of the data, or past the 2^31-1 bytes the PNG
 * specification allows, is refused here instead.
 */
final class PngStructure {

    private PngStructure() {}

    /** Null when every chunk up to IEND (or the end of the data) fits in the data; else what is wrong. */
    static String brokenChunk(byte[] b) {
        int pos = 8; // after the signature
        while (pos + 8 <= b.length) {
            long length = (b[pos] & 0xFFL) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            long left = b.length - (pos + 12L); // after this chunk's length, type and CRC
            if (length > Integer.MAX_VALUE || length > left) {
                return "its " + printable(type) + " chunk at byte " + pos + " declares " + length + " bytes, but only "
                        + Math.max(0, left) + " follow";
            }
            if (type.equals("IEND")) return null;
            pos += 12 + (int) length;
        }
        return null; // the data ends between chunks: a truncated file, which the decode itself reports
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : "unnamed";
    }
}
