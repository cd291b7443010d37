package dev.lector.testing;

import dev.lector.classify.Orientation;
import dev.lector.classify.OrientationClassifier;
import dev.lector.detect.DetectedBox;
import dev.lector.detect.Detection;
import dev.lector.detect.DetectionRequest;
import dev.lector.detect.TextDetector;
import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.geometry.Size;
import dev.lector.image.ImageDecoder;
import dev.lector.image.PageImage;
import dev.lector.recognize.Glyph;
import dev.lector.recognize.Recognized;
import dev.lector.recognize.TextRecognizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake backend at the level of the stages, for testing the pipeline's own logic with no model:
 * a page of hand-placed "text lines", each a rectangle whose colour says which line it is (blue
 * = 20 x id) and whose red channel runs dark to light along the text, so a crop tells which way
 * it was turned. The fake detector returns the lines' boxes as a detector would (corners in image
 * order, in the padded image it is given); the fake classifier reads the gradient's direction; the
 * fake recogniser returns a line's text, with its characters spread evenly over the rectangle,
 * only when its crop is upright, and a low-scoring "??" otherwise, as a real recogniser reading a
 * turned crop would.
 */
public final class FakeStages {

    /** One line of the fake page: its text and its rectangle on the upright page; {@code score} is what the recogniser gives it. */
    public record FakeLine(String text, int x, int y, int width, int height, double score) {
        public FakeLine(String text, int x, int y, int width, int height) {
            this(text, x, y, width, height, 0.95);
        }

        Quad upright() {
            return Quad.ofRect(x, y, width, height);
        }
    }

    /** A drawn fake page turned {@code turn} degrees clockwise, and where each line's box went. */
    public record FakePage(PageImage image, List<FakeLine> lines, List<Quad> boxes, int turn) {
        /** The box of line {@code i} with its corners from the text's own top-left, as the pipeline should report it. */
        public Quad textBox(int i) {
            return boxes.get(i);
        }
    }

    private final List<FakeLine> lines;
    private final List<Quad> boxes;
    private final int pageWidth, pageHeight;

    private FakeStages(FakePage page) {
        this.lines = page.lines();
        this.boxes = page.boxes();
        this.pageWidth = page.image().width();
        this.pageHeight = page.image().height();
    }

    public static FakeStages of(FakePage page) {
        return new FakeStages(page);
    }

    /** Draws {@code lines} on a white {@code width x height} page, then turns it {@code turn} degrees clockwise. */
    public static FakePage draw(int width, int height, int turn, FakeLine... lines) {
        if (lines.length > 12) throw new IllegalArgumentException("at most 12 fake lines (colour ids)");
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int id = 0; id < lines.length; id++) {
            FakeLine l = lines[id];
            for (int dx = 0; dx < l.width(); dx++) {
                g.setColor(new Color(gradient(dx, l.width()), 0, blue(id)));
                g.fillRect(l.x() + dx, l.y(), 1, l.height());
            }
        }
        g.dispose();
        BufferedImage turned = turn(img, turn);
        List<Quad> boxes = new ArrayList<>();
        for (FakeLine l : lines) {
            Quad q = l.upright();
            boxes.add(new Quad(turn(q.topLeft(), turn, width, height), turn(q.topRight(), turn, width, height),
                    turn(q.bottomRight(), turn, width, height), turn(q.bottomLeft(), turn, width, height)));
        }
        return new FakePage(ImageDecoder.fromBufferedImage(turned), List.of(lines), List.copyOf(boxes), turn);
    }

    private static int gradient(int dx, int width) {
        return (int) Math.round(20 + 180.0 * dx / Math.max(1, width - 1));
    }

    private static int blue(int id) {
        return 20 * (id + 1);
    }

    private static BufferedImage turn(BufferedImage img, int degrees) {
        if (degrees == 0) return img;
        int w = img.getWidth(), h = img.getHeight();
        boolean swap = degrees % 180 != 0;
        AffineTransform t = new AffineTransform();
        t.translate(swap ? h / 2.0 : w / 2.0, swap ? w / 2.0 : h / 2.0);
        t.rotate(Math.toRadians(degrees));
        t.translate(-w / 2.0, -h / 2.0);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(img, out);
        return out;
    }

    /** Where a point of the upright page lands when the page is turned clockwise. */
    static Point turn(Point p, int degrees, int w, int h) {
        return switch (degrees) {
            case 0 -> p;
            case 90 -> new Point(h - p.y(), p.x());
            case 180 -> new Point(w - p.x(), h - p.y());
            case 270 -> new Point(p.y(), w - p.x());
            default -> throw new IllegalArgumentException("turn must be a right angle: " + degrees);
        };
    }

    /** Finds the fake lines: their boxes in image corner order, moved into the padded image it is given. */
    public TextDetector detector() {
        return request -> {
            PageImage img = request.image();
            double padX = (img.width() - pageWidth) / 2.0, padY = (img.height() - pageHeight) / 2.0;
            List<DetectedBox> found = new ArrayList<>();
            for (Quad q : boxes) {
                List<Point> corners = new ArrayList<>();
                for (Point p : q.corners()) corners.add(new Point(p.x() + padX, p.y() + padY));
                found.add(new DetectedBox(Quad.fromUnordered(corners), 0.9));
            }
            return new Detection(found, new Size(img.width(), img.height()));
        };
    }

    /** 180 with high confidence when the crop's gradient runs light to dark, 0 when dark to light, else unsure. */
    public OrientationClassifier classifier() {
        return classifierSlippingOn(List.of());
    }

    /** Like {@link #classifier()}, but sure that the lines with the given texts are upside down, whatever their crops show. */
    public OrientationClassifier classifierSlippingOn(List<String> texts) {
        return crops -> crops.stream().map(c -> {
            int id = idOf(c);
            if (id >= 0 && texts.contains(lines.get(id).text())) return new Orientation(180, 0.97);
            double d = direction(c);
            if (d > 0.2) return new Orientation(0, 0.99);
            if (d < -0.2) return new Orientation(180, 0.99);
            return new Orientation(0, 0.5);
        }).toList();
    }

    /** The line's text, characters spread evenly over its rectangle, when the crop is upright. */
    public TextRecognizer recognizer() {
        return crops -> crops.stream().map(this::read).toList();
    }

    private Recognized read(PageImage crop) {
        int id = idOf(crop);
        if (id < 0 || direction(crop) <= 0.2) return new Recognized("??", 0.3);
        FakeLine line = lines.get(id);
        // where the line's colour is along the middle row: the text's extent inside the crop
        int y = crop.height() / 2, first = -1, last = -1;
        for (int x = 0; x < crop.width(); x++) {
            int b = crop.bgr()[(y * crop.width() + x) * 3] & 0xFF;
            if (Math.abs(b - blue(id)) <= 6) {
                if (first < 0) first = x;
                last = x;
            }
        }
        double start = (double) first / crop.width(), end = (last + 1.0) / crop.width();
        String text = line.text();
        int n = text.codePointCount(0, text.length());
        List<Glyph> glyphs = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String s = new String(Character.toChars(cp));
            double a = start + (end - start) * k / n, b = start + (end - start) * (k + 1) / n;
            double c = (a + b) / 2; // a narrow CTC peak at the character's centre
            glyphs.add(new Glyph(s, line.score(), c - (b - a) * 0.15, c + (b - a) * 0.15));
            i += Character.charCount(cp);
            k++;
        }
        return new Recognized(text, line.score(), glyphs);
    }

    /** Which line a crop shows: the blue of its centre pixel, or -1. */
    private int idOf(PageImage crop) {
        int b = crop.bgr()[((crop.height() / 2) * crop.width() + crop.width() / 2) * 3] & 0xFF;
        int id = (int) Math.round(b / 20.0) - 1;
        return id >= 0 && id < lines.size() && Math.abs(b - blue(id)) <= 6 ? id : -1;
    }

    /** Positive when red rises left to right along the middle row (upright), negative when it falls. */
    private static double direction(PageImage crop) {
        int y = crop.height() / 2, w = crop.width();
        double left = 0, right = 0;
        int n = Math.max(1, w / 3);
        for (int x = 0; x < n; x++) {
            left += crop.bgr()[(y * w + w / 3 + x / 3) * 3 + 2] & 0xFF;
            right += crop.bgr()[(y * w + 2 * w / 3 - x / 3 - 1) * 3 + 2] & 0xFF;
        }
        return (right - left) / n / 100.0;
    }
}
