package dev.lector.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Format and pixel size of an input, read from its first bytes without decoding any pixels, so
 * that oversized inputs can be refused before the decoder allocates anything.
 *
 * @param format the format recognised from the magic bytes
 * @param width  width in pixels; 0 for {@link ImageFormat#PDF}, whose size depends on the dpi
 * @param height height in pixels; 0 for {@link ImageFormat#PDF}
 */
public record ImageHeader(ImageFormat format, int width, int height) {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] TIFF_LE_MAGIC = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE_MAGIC = {'M', 'M', 0, 42};
    private static final byte[] PDF_MAGIC = ascii("%PDF-");
    private static final byte[] RIFF_MAGIC = ascii("RIFF");
    private static final String SUPPORTED = "Lector reads JPEG, PNG, BMP, TIFF, WebP and PDF";

    public ImageHeader {
        if (format == null) throw new IllegalArgumentException("format must not be null");
        if (format.isRaster() ? width <= 0 || height <= 0 : width != 0 || height != 0) {
            throw new IllegalArgumentException(format + " header with impossible size " + width + "x" + height);
        }
    }

    /** Whether the bytes start like a PDF ({@code %PDF-}); reads nothing else. */
    public static boolean isPdf(byte[] bytes) {
        return startsWith(bytes, PDF_MAGIC);
    }

    /** Declared pixel count, width x height (0 for PDF). */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * Recognises the format from the magic bytes and reads the declared size.
     *
     * @throws InputException {@code EMPTY} for no bytes, {@code UNSUPPORTED_FORMAT} for unknown
     *         magic bytes, {@code UNDECODABLE} for a known format whose header is broken or cut short
     */
    public static ImageHeader read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InputException(InputException.Reason.EMPTY, "input is empty (0 bytes)");
        }
        if (startsWith(bytes, PNG_MAGIC)) return readPng(bytes);
        if (startsWith(bytes, JPEG_MAGIC)) return readJpeg(bytes);
        if (startsWith(bytes, TIFF_LE_MAGIC)) return readTiff(bytes, true);
        if (startsWith(bytes, TIFF_BE_MAGIC)) return readTiff(bytes, false);
        if (startsWith(bytes, PDF_MAGIC)) return new ImageHeader(ImageFormat.PDF, 0, 0);
        if (startsWith(bytes, RIFF_MAGIC) && bytes.length >= 12) {
            String type = new String(bytes, 8, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("WEBP")) return readWebp(bytes);
            throw unsupported(bytes, "a RIFF container of type '" + printable(type) + "' (not WEBP)");
        }
        if (isBmp(bytes)) return readBmp(bytes);
        checkCutShortMagic(bytes);
        throw unsupported(bytes, describeOtherFormat(bytes));
    }

    // ---- PNG: signature, then the IHDR chunk: length, "IHDR", width, height (big-endian)

    private static ImageHeader readPng(byte[] b) {
        Fields f = new Fields(ImageFormat.PNG, b, false);
        f.need(24);
        String chunk = new String(b, 12, 4, StandardCharsets.ISO_8859_1);
        if (!chunk.equals("IHDR")) {
            throw undecodable("PNG's first chunk is '" + printable(chunk) + "', expected 'IHDR'");
        }
        return sized(ImageFormat.PNG, f.u32(16), f.u32(20));
    }

    // ---- JPEG: walk the marker segments up to the first frame header (SOFn)

    private static ImageHeader readJpeg(byte[] b) {
        Fields f = new Fields(ImageFormat.JPEG, b, false);
        int pos = 2;
        while (true) {
            f.need(pos + 2);
            if ((b[pos] & 0xFF) != 0xFF) { // stray bytes between segments: libjpeg skips them too
                pos++;
                continue;
            }
            while (pos + 1 < b.length && (b[pos + 1] & 0xFF) == 0xFF) pos++; // fill bytes
            f.need(pos + 2);
            int marker = b[pos + 1] & 0xFF;
            int markerAt = pos;
            pos += 2;
            if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no length field
            }
            if (marker == 0xD9) {
                throw undecodable("JPEG ends (EOI at byte " + markerAt + ") before any frame header (SOFn)");
            }
            if (marker == 0xDA) {
                throw undecodable("JPEG image data (SOS at byte " + markerAt + ") comes before any frame header (SOFn)");
            }
            int length = f.u16(pos);
            if (length < 2) {
                throw undecodable(String.format(Locale.ROOT,
                        "JPEG segment FF%02X at byte %d has invalid length %d", marker, markerAt, length));
            }
            if (isStartOfFrame(marker)) {
                f.need(pos + 7);
                int height = f.u16(pos + 3);
                int width = f.u16(pos + 5);
                if (height == 0) {
                    throw undecodable("JPEG frame header declares height 0 (height given later by a DNL marker), "
                            + "which is not supported");
                }
                return sized(ImageFormat.JPEG, width, height);
            }
            pos += length;
        }
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    // ---- BMP: 14-byte file header, then a DIB header whose size tells its kind

    private static boolean isBmp(byte[] b) {
        if (b.length < 2 || b[0] != 'B' || b[1] != 'M') return false;
        if (b.length < 18) return true; // too short to tell: reported as a cut-short BMP
        long dibSize = new Fields(ImageFormat.BMP, b, true).u32(14);
        return dibSize == 12 || dibSize == 16 || dibSize == 40 || dibSize == 52 || dibSize == 56
                || dibSize == 64 || dibSize == 108 || dibSize == 124;
    }

    private static ImageHeader readBmp(byte[] b) {
        Fields f = new Fields(ImageFormat.BMP, b, true);
        f.need(18);
        long dibSize = f.u32(14);
        if (dibSize == 12) { // BITMAPCOREHEADER: unsigned 16-bit sizes
            f.need(22);
            return sized(ImageFormat.BMP, f.u16(18), f.u16(20));
        }
        f.need(26);
        int width = f.s32(18);
        int height = f.s32(22); // negative: rows stored top-down
        if (height == Integer.MIN_VALUE) throw undecodable("BMP header declares height " + height);
        return sized(ImageFormat.BMP, width, Math.abs(height));
    }

    // ---- TIFF: byte order, offset of the first IFD, tags ImageWidth (256) and ImageLength (257)

    private static ImageHeader readTiff(byte[] b, boolean littleEndian) {
        Fields f = new Fields(ImageFormat.TIFF, b, littleEndian);
        f.need(8);
        long ifd = f.u32(4);
        if (ifd < 8 || ifd > Integer.MAX_VALUE - 2) {
            throw undecodable("TIFF first directory offset " + ifd + " is impossible");
        }
        return readTiffDirectory(f, (int) ifd);
    }

    /** Most directories (pages) of one TIFF walked; a longer chain is refused as broken. */
    static final int MAX_TIFF_PAGES = 10_000;

    /**
     * The size of every page of a TIFF, in file order, from its chain of image file directories
     * (no pixels decoded); for any other format a list of its one {@link #read} header ({@code
     * List.of()} for a PDF, whose pages are not images).
     *
     * @throws InputException {@code UNDECODABLE} for a broken chain (an offset out of the file, a
     *         loop, more than {@value #MAX_TIFF_PAGES} directories), and as {@link #read}
     */
    public static java.util.List<ImageHeader> pages(byte[] bytes) {
        ImageHeader first = read(bytes);
        if (first.format() == ImageFormat.PDF) return java.util.List.of();
        if (first.format() != ImageFormat.TIFF) return java.util.List.of(first);
        Fields f = new Fields(ImageFormat.TIFF, bytes, bytes[0] == 'I');
        java.util.List<ImageHeader> out = new java.util.ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long ifd = f.u32(4); ifd != 0; ) {
            if (ifd < 8 || ifd > bytes.length - 2L) {
                throw undecodable("TIFF directory " + (out.size() + 1) + " is at byte " + ifd + ", outside the "
                        + bytes.length + "-byte input");
            }
            if (!seen.add(ifd)) throw undecodable("TIFF directory chain loops back to byte " + ifd);
            if (out.size() == MAX_TIFF_PAGES) throw undecodable("TIFF has more than " + MAX_TIFF_PAGES + " pages");
            int at = (int) ifd;
            out.add(readTiffDirectory(f, at));
            int entries = f.u16(at);
            ifd = f.u32(at + 2 + 12 * entries);
        }
        return out;
    }

    /** Width and height of the image file directory at byte {@code at}. */
    private static ImageHeader readTiffDirectory(Fields f, int at) {
        f.need(at + 2);
        int entries = f.u16(at);
        long width = -1, height = -1;
        for (int i = 0; i < entries && (width < 0 || height < 0); i++) {
            int entry = at + 2 + 12 * i;
            f.need(entry + 12);
            int tag = f.u16(entry);
            if (tag != 256 && tag != 257) continue;
            int type = f.u16(entry + 2);
            long value = switch (type) {
                case 3 -> f.u16(entry + 8); // SHORT, left-justified in the value field
                case 4 -> f.u32(entry + 8); // LONG
                default -> throw undecodable("TIFF tag " + tag + " has type " + type + ", expected SHORT (3) or LONG (4)");
            };
            if (tag == 256) width = value;
            else height = value;
        }
        if (width < 0 || height < 0) {
            throw undecodable("TIFF directory (" + entries + " entries at byte " + at + ") lacks "
                    + (width < 0 ? "ImageWidth (256)" : "ImageLength (257)"));
        }
        return sized(ImageFormat.TIFF, width, height);
    }

    // ---- WebP: RIFF size "WEBP", then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk

    private static ImageHeader readWebp(byte[] b) {
        Fields f = new Fields(ImageFormat.WEBP, b, true);
        f.need(20);
        String chunk = new String(b, 12, 4, StandardCharsets.ISO_8859_1);
        switch (chunk) {
            case "VP8 " -> {
                f.need(30);
                if ((b[23] & 0xFF) != 0x9D || (b[24] & 0xFF) != 0x01 || (b[25] & 0xFF) != 0x2A) {
                    throw undecodable(String.format(Locale.ROOT,
                            "WebP VP8 frame lacks its start code 9D 01 2A (found %02X %02X %02X)",
                            b[23] & 0xFF, b[24] & 0xFF, b[25] & 0xFF));
                }
                return sized(ImageFormat.WEBP, f.u16(26) & 0x3FFF, f.u16(28) & 0x3FFF);
            }
            case "VP8L" -> {
                f.need(25);
                if ((b[20] & 0xFF) != 0x2F) {
                    throw undecodable(String.format(Locale.ROOT,
                            "WebP VP8L chunk lacks its signature byte 2F (found %02X)", b[20] & 0xFF));
                }
                long bits = f.u32(21);
                return sized(ImageFormat.WEBP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            case "VP8X" -> {
                f.need(30);
                return sized(ImageFormat.WEBP, f.u24(24) + 1, f.u24(27) + 1);
            }
            default -> throw undecodable("WebP's first chunk is '" + printable(chunk)
                    + "', expected 'VP8 ', 'VP8L' or 'VP8X'");
        }
    }

    // ---- shared pieces

    private static ImageHeader sized(ImageFormat format, long width, long height) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw undecodable(format + " header declares an impossible size " + width + "x" + height);
        }
        return new ImageHeader(format, (int) width, (int) height);
    }

    /** Two or more bytes that are the start of a known signature: a known format, cut short. */
    private static void checkCutShortMagic(byte[] b) {
        if (b.length < 2) return;
        record Magic(ImageFormat format, byte[] bytes) {}
        for (Magic m : new Magic[] {new Magic(ImageFormat.PNG, PNG_MAGIC), new Magic(ImageFormat.JPEG, JPEG_MAGIC),
                new Magic(ImageFormat.TIFF, TIFF_LE_MAGIC), new Magic(ImageFormat.TIFF, TIFF_BE_MAGIC),
                new Magic(ImageFormat.PDF, PDF_MAGIC), new Magic(ImageFormat.WEBP, RIFF_MAGIC)}) {
            if (b.length < m.bytes().length && startsWith(m.bytes(), b)) {
                throw undecodable("input has only " + b.length + " bytes, the start of a " + m.format()
                        + " signature: cut short");
            }
        }
        if (startsWith(b, RIFF_MAGIC)) {
            throw undecodable("input has only " + b.length + " bytes, the start of a RIFF (WebP) header: cut short");
        }
    }

    private static String describeOtherFormat(byte[] b) {
        if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) return "a GIF image";
        if (startsWith(b, new byte[] {'P', 'K', 3, 4})) return "a ZIP archive (or an Office document)";
        if (startsWith(b, new byte[] {0x1F, (byte) 0x8B})) return "gzip-compressed data";
        if (startsWith(b, ascii("%!PS"))) return "a PostScript file";
        if (startsWith(b, new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' '})) return "a JPEG 2000 image";
        if (startsWith(b, new byte[] {(byte) 0xFF, 0x0A}) || startsWith(b, new byte[] {0, 0, 0, 12, 'J', 'X', 'L', ' '})) {
            return "a JPEG XL image";
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "an ISO media file of brand '" + printable(new String(b, 8, 4, StandardCharsets.ISO_8859_1))
                    + "' (HEIC, AVIF or video)";
        }
        if (looksLikeText(b)) return "text";
        return null;
    }

    private static boolean looksLikeText(byte[] b) {
        int n = Math.min(b.length, 512);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return false;
            if (c == 0x7F) return false;
        }
        return true; // ASCII or UTF-8 (bytes >= 0x80) without control characters
    }

    private static InputException unsupported(byte[] b, String looksLike) {
        int n = Math.min(b.length, 16);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xFF;
            if (i > 0) hex.append(' ');
            hex.append(String.format(Locale.ROOT, "%02X", c));
            text.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return new InputException(InputException.Reason.UNSUPPORTED_FORMAT, "unsupported format: "
                + (looksLike == null ? "" : "this looks like " + looksLike + "; ")
                + "the input (" + b.length + " bytes) starts with " + hex + " (\"" + text + "\"); " + SUPPORTED);
    }

    private static InputException undecodable(String message) {
        return new InputException(InputException.Reason.UNDECODABLE, message);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) return false;
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) out.append(c >= 0x20 && c < 0x7F ? c : '.');
        return out.toString();
    }

    /** Bounds-checked integer fields of one header; reading past the end means the header is cut short. */
    private record Fields(ImageFormat format, byte[] b, boolean littleEndian) {
        void need(long end) {
            if (b.length < end) {
                throw undecodable(format + " header is cut short: needs at least " + end
                        + " bytes, the input has " + b.length);
            }
        }

        int u8(int at) {
            need(at + 1L);
            return b[at] & 0xFF;
        }

        int u16(int at) {
            need(at + 2L);
            int lo = littleEndian ? u8(at) : u8(at + 1);
            int hi = littleEndian ? u8(at + 1) : u8(at);
            return hi << 8 | lo;
        }

        int u24(int at) { // little-endian only (WebP)
            need(at + 3L);
            return u8(at) | u8(at + 1) << 8 | u8(at + 2) << 16;
        }

        long u32(int at) {
            need(at + 4L);
            long lo = u16(littleEndian ? at : at + 2);
            long hi = u16(littleEndian ? at + 2 : at);
            return hi << 16 | lo;
        }

        int s32(int at) {
            return (int) u32(at);
        }
    }
}
