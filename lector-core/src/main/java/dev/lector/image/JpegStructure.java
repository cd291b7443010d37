package dev.lector.image;

/**
 * Walks a JPEG's segments and entropy-coded data to its end-of-image marker. libjpeg decodes a
 * truncated file "successfully" (the missing rows come out grey, with only a warning), so the
 * decoder asks this walk whether the file is whole. Skipping segment payloads by their length
 * means an EXIF thumbnail's own EOI is never mistaken for the image's.
 */
final class JpegStructure {

    private JpegStructure() {
    }

    /** Whether the marker structure is complete up to an EOI (FF D9); trailing bytes after it are fine. */
    static boolean reachesEndOfImage(byte[] b) {
        int n = b.length;
        int pos = 2; // after SOI
        boolean inScan = false;
        while (pos < n) {
            if (inScan) {
                // entropy-coded data: FF 00 is a stuffed FF, FF D0..D7 are restart markers
                int ff = indexOfFF(b, pos);
                if (ff < 0 || ff + 1 >= n) return false;
                int next = b[ff + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
                    pos = next == 0xFF ? ff + 1 : ff + 2;
                    continue;
                }
                inScan = false;
                pos = ff;
            }
            if ((b[pos] & 0xFF) != 0xFF) { // stray byte between segments
                pos++;
                continue;
            }
            while (pos + 1 < n && (b[pos + 1] & 0xFF) == 0xFF) pos++;
            if (pos + 1 >= n) return false;
            int marker = b[pos + 1] & 0xFF;
            pos += 2;
            if (marker == 0xD9) return true;
            if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) continue;
            if (pos + 2 > n) return false;
            int length = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            if (length < 2 || pos + length > n) return false;
            pos += length;
            if (marker == 0xDA) inScan = true;
        }
        return false;
    }

    private static int indexOfFF(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == (byte) 0xFF) return i;
        }
        return -1;
    }
}
