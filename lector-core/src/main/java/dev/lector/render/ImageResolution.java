package dev.lector.render;

import java.nio.charset.StandardCharsets;

/**
 * What an image file says about its own scale and orientation, read from its bytes: JPEG JFIF
 * density or EXIF {@code XResolution}/{@code YResolution} (EXIF wins: cameras write it, JFIF's is
 * often a 1:1 aspect placeholder), the EXIF orientation, PNG {@code pHYs}, TIFF resolution tags.
 *
 * @param xDpi        horizontal resolution in dots per inch, or 0 when the file does not say
 * @param yDpi        vertical resolution likewise
 * @param orientation EXIF orientation 1..8 (1: as stored)
 */
record ImageResolution(double xDpi, double yDpi, int orientation) {
    static final ImageResolution UNKNOWN = new ImageResolution(0, 0, 1);

    boolean known() {
        return xDpi > 0 && yDpi > 0;
    }

    static ImageResolution read(byte[] b) {
        try {
            if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return png(b);
            if (b.length > 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) return jpeg(b);
            if (b.length > 8 && ((b[0] == 'I' && b[1] == 'I') || (b[0] == 'M' && b[1] == 'M'))) return tiff(b, 0, b.length);
        } catch (RuntimeException e) { // a broken header says nothing
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    private static ImageResolution png(byte[] b) {
        int pos = 8;
        while (pos + 12 <= b.length) {
            int len = be32(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("pHYs") && len >= 9 && pos + 17 <= b.length) {
                long x = be32(b, pos + 8) & 0xFFFFFFFFL, y = be32(b, pos + 12) & 0xFFFFFFFFL;
                if (b[pos + 16] == 1) return new ImageResolution(x * 0.0254, y * 0.0254, 1); // pixels per metre
                return UNKNOWN; // aspect ratio only
            }
            if (type.equals("IDAT") || len < 0) return UNKNOWN;
            pos += 12 + len;
        }
        return UNKNOWN;
    }

    private static ImageResolution jpeg(byte[] b) {
        int pos = 2;
        ImageResolution jfif = UNKNOWN, exif = null;
        while (pos + 4 <= b.length && (b[pos] & 0xFF) == 0xFF) {
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                pos += 2;
                continue;
            }
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            int len = be16(b, pos + 2);
            int data = pos + 4;
            if (marker == 0xDA || marker == 0xD9) break; // image data: no more metadata
            if (marker == 0xE0 && len >= 14 && startsWith(b, data, "JFIF\0")) {
                int units = b[data + 7];
                double x = be16(b, data + 8), y = be16(b, data + 10);
                if (units == 1) jfif = new ImageResolution(x, y, 1);
                else if (units == 2) jfif = new ImageResolution(x * 2.54, y * 2.54, 1);
            } else if (marker == 0xE1 && len >= 16 && startsWith(b, data, "Exif\0\0")) {
                exif = tiff(b, data + 6, Math.min(b.length, pos + 2 + len));
            }
            pos += 2 + len;
        }
        if (exif == null) return jfif;
        return exif.known() ? exif : new ImageResolution(jfif.xDpi, jfif.yDpi, exif.orientation);
    }

    /** IFD0 of a TIFF structure starting at {@code base}: resolution, unit and orientation. */
    private static ImageResolution tiff(byte[] b, int base, int limit) {
        boolean le = b[base] == 'I';
        int ifd = base + u32(b, base + 4, le);
        if (ifd < base || ifd + 2 > limit) return UNKNOWN;
        int n = u16(b, ifd, le);
        double x = 0, y = 0;
        int unit = 2, orientation = 1;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if (e + 12 > limit) break;
            int tag = u16(b, e, le), type = u16(b, e + 2, le);
            switch (tag) {
                case 0x011A -> x = rational(b, base, e, le, type, limit);
                case 0x011B -> y = rational(b, base, e, le, type, limit);
                case 0x0128 -> unit = u16(b, e + 8, le);
                case 0x0112 -> orientation = u16(b, e + 8, le);
                default -> { }
            }
        }
        if (orientation < 1 || orientation > 8) orientation = 1;
        double f = switch (unit) {
            case 2 -> 1; // inch
            case 3 -> 2.54; // centimetre
            default -> 0; // no absolute unit
        };
        return new ImageResolution(x * f, y * f, orientation);
    }

    private static double rational(byte[] b, int base, int entry, boolean le, int type, int limit) {
        if (type != 5) return 0;
        int at = base + u32(b, entry + 8, le);
        if (at < base || at + 8 > limit) return 0;
        long num = u32(b, at, le) & 0xFFFFFFFFL, den = u32(b, at + 4, le) & 0xFFFFFFFFL;
        return den == 0 ? 0 : (double) num / den;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) return false;
        for (int i = 0; i < s.length(); i++) if (b[at + i] != s.charAt(i)) return false;
        return true;
    }

    private static int be16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static int u16(byte[] b, int i, boolean le) {
        return le ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : be16(b, i);
    }

    private static int u32(byte[] b, int i, boolean le) {
        return le ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24 : be32(b, i);
    }
}
