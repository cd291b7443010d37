package dev.lector.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Images for the image package's tests, encoded with Java2D + ImageIO or OpenCV, or built byte by byte. */
final class ImageFixtures {

    static final Color TOP_LEFT = new Color(230, 20, 20);
    static final Color TOP_RIGHT = new Color(20, 200, 20);
    static final Color BOTTOM_LEFT = new Color(20, 20, 230);
    static final Color BOTTOM_RIGHT = new Color(240, 240, 20);

    private ImageFixtures() {
    }

    /** Four solid quadrants of distinct colours, so any rotation or flip is visible. */
    static BufferedImage quadrants(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        int hw = width / 2, hh = height / 2;
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, hw, hh);
        g.setColor(TOP_RIGHT);
        g.fillRect(hw, 0, width - hw, hh);
        g.setColor(BOTTOM_LEFT);
        g.fillRect(0, hh, hw, height - hh);
        g.setColor(BOTTOM_RIGHT);
        g.fillRect(hw, hh, width - hw, height - hh);
        g.dispose();
        return img;
    }

    /** Black text on white. */
    static BufferedImage text(String text, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height * 2 / 3));
        g.drawString(text, 4, height * 3 / 4);
        g.dispose();
        return img;
    }

    /** Every pixel different: B = x, G = y, R = x + y (mod 256). */
    static PageImage gradient(int width, int height) {
        byte[] bgr = new byte[width * height * 3];
        for (int y = 0, p = 0; y < height; y++) {
            for (int x = 0; x < width; x++, p += 3) {
                bgr[p] = (byte) x;
                bgr[p + 1] = (byte) y;
                bgr[p + 2] = (byte) (x + y);
            }
        }
        return new PageImage(width, height, bgr);
    }

    static PageImage solid(int width, int height, int b, int g, int r) {
        byte[] bgr = new byte[width * height * 3];
        for (int p = 0; p < bgr.length; p += 3) {
            bgr[p] = (byte) b;
            bgr[p + 1] = (byte) g;
            bgr[p + 2] = (byte) r;
        }
        return new PageImage(width, height, bgr);
    }

    /** ImageIO's encoding: "jpeg", "png", "bmp", "tiff". */
    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no ImageIO writer for " + format);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OpenCV's encoding, e.g. ".webp", with optional IMWRITE_* key-value pairs. */
    static byte[] encodeWithOpenCv(PageImage img, String extension, int... params) {
        try (Mat mat = ImageOps.toMat(img, 0, 0, img.width(), img.height()); BytePointer out = new BytePointer();
             IntPointer options = new IntPointer(params)) {
            if (!imencode(extension, mat, out, options)) throw new IllegalStateException("OpenCV cannot encode " + extension);
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }

    /** PNG signature and an IHDR chunk with a correct CRC, nothing else. */
    static byte[] pngHeader(int width, int height, int colourType) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).order(ByteOrder.BIG_ENDIAN);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).order(ByteOrder.BIG_ENDIAN)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** BGR of one pixel as ints. */
    static int[] pixel(PageImage img, int x, int y) {
        int p = (y * img.width() + x) * 3;
        byte[] b = img.bgr();
        return new int[] {b[p] & 0xFF, b[p + 1] & 0xFF, b[p + 2] & 0xFF};
    }

    static int[] bgrOf(Color c) {
        return new int[] {c.getBlue(), c.getGreen(), c.getRed()};
    }

    /** Whether every channel is within {@code tolerance} (lossy codecs). */
    static boolean near(int[] actual, int[] expected, int tolerance) {
        for (int i = 0; i < 3; i++) {
            if (Math.abs(actual[i] - expected[i]) > tolerance) return false;
        }
        return true;
    }
}
