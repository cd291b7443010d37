package dev.lector.vlm;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageFormat;
import dev.lector.image.ImageHeader;
import dev.lector.image.ImageLimits;
import dev.lector.image.InputException;
import dev.lector.image.PageImage;
import dev.lector.image.PageRange;
import dev.lector.layout.ReadingOrder;
import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Line;
import dev.lector.result.ModelInfo;
import dev.lector.result.Page;
import dev.lector.result.StageTimings;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import javax.imageio.ImageIO;

/**
 * Reads images and PDFs with a vision-language model: each page goes to the back end as a
 * {@code data:} URI with the task's prompt, and the answer becomes a {@link Page} (text spotting),
 * Markdown, a translation, or {@link VlmFields}. JPEG, PNG and WebP are sent as they are; BMP,
 * TIFF and PDF pages (rendered at the limits' dpi) are sent as PNG. Pages of one file are read
 * one after another; {@link ChatClient} bounds how many requests reach the back end at once.
 * Thread-safe; closing closes the client.
 */
public final class VlmReader implements AutoCloseable {

    /** A line's score: the model gives no confidence, so every line it returns counts as read. */
    public static final double LINE_SCORE = 1.0;

    private final ChatClient client;
    private final ImageDecoder decoder;
    private final VlmListener listener;

    public VlmReader(VlmConfig config, ImageLimits limits, VlmListener listener) {
        this.client = new ChatClient(config);
        this.decoder = new ImageDecoder(limits);
        this.listener = listener == null ? VlmListener.NONE : listener;
    }

    public VlmConfig config() {
        return client.config();
    }

    public ChatClient client() {
        return client;
    }

    /** The back end's last known state (never blocks). */
    public BackendStatus status() {
        return client.status();
    }

    /** Text spotting: one {@link Page} per page with lines and boxes (no words) in reading order. */
    public List<PageAnswer<Page>> ocr(byte[] bytes, PageRange pages) {
        return each(bytes, pages, VlmTask.SPOT, List.of(), (in, c) -> toPage(in, c));
    }

    /** Document parsing: Markdown per page. */
    public List<PageAnswer<String>> parse(byte[] bytes, PageRange pages) {
        return each(bytes, pages, VlmTask.PARSE, List.of(), (in, c) -> AnswerParser.text(c.text()));
    }

    /** The page's text translated ({@link VlmTask#TRANSLATE_EN} or {@link VlmTask#TRANSLATE_ZH}). */
    public List<PageAnswer<String>> translate(byte[] bytes, PageRange pages, VlmTask task) {
        if (task != VlmTask.TRANSLATE_EN && task != VlmTask.TRANSLATE_ZH) throw new IllegalArgumentException("not a translation: " + task);
        return each(bytes, pages, task, List.of(), (in, c) -> AnswerParser.text(c.text()));
    }

    /** Fields for {@code keys} per page. */
    public List<PageAnswer<VlmFields>> extract(byte[] bytes, PageRange pages, List<String> keys) {
        List<String> clean = keys == null ? List.of() : keys.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
        if (clean.isEmpty()) throw new IllegalArgumentException("field extraction needs at least one key");
        return each(bytes, pages, VlmTask.EXTRACT, clean,
                (in, c) -> VlmFields.of(in.number(), clean, AnswerParser.json(c.text()), c.text()));
    }

    @Override
    public void close() {
        client.close();
    }

    /** One page as it is sent. */
    record PageInput(int number, int width, int height, String mediaType, byte[] bytes) {
        String dataUri() {
            return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
        }
    }

    private <T> List<PageAnswer<T>> each(byte[] bytes, PageRange pages, VlmTask task, List<String> keys,
                                        BiFunction<PageInput, Completion, T> read) {
        String prompt = client.config().prompts().prompt(task, keys);
        List<PageAnswer<T>> out = new ArrayList<>();
        for (PageInput in : inputs(bytes, pages)) {
            long t0 = System.nanoTime();
            Completion c;
            try {
                c = client.complete(in.dataUri(), prompt);
            } catch (VlmException e) {
                listener.completed(task, e.status(), (System.nanoTime() - t0) / 1e6, -1, -1);
                throw e;
            }
            try {
                out.add(new PageAnswer<>(in.number(), in.width(), in.height(), read.apply(in, c), c));
                listener.completed(task, "ok", c.millis(), c.promptTokens(), c.completionTokens());
            } catch (VlmException e) {
                listener.completed(task, e.status(), c.millis(), c.promptTokens(), c.completionTokens());
                throw e;
            }
        }
        return out;
    }

    /** The pages to send: the raster image itself (or as PNG), or each selected PDF page rendered. */
    List<PageInput> inputs(byte[] bytes, PageRange pages) {
        ImageHeader h = ImageHeader.read(bytes);
        List<PageInput> out = new ArrayList<>();
        if (h.format() == ImageFormat.PDF) {
            decoder.forEachPdfPage(bytes, pages, (n, img) -> out.add(new PageInput(n, img.width(), img.height(), "image/png", png(img))));
            return out;
        }
        pages.resolve(1);
        if (h.pixels() > decoder.limits().maxPixels()) {
            throw new InputException(InputException.Reason.TOO_LARGE, h.format() + " image of " + h.width() + "x" + h.height()
                    + " pixels is above the limit of " + decoder.limits().maxPixels() + " pixels");
        }
        switch (h.format()) {
            case JPEG -> out.add(new PageInput(1, h.width(), h.height(), "image/jpeg", bytes));
            case PNG -> out.add(new PageInput(1, h.width(), h.height(), "image/png", bytes));
            case WEBP -> out.add(new PageInput(1, h.width(), h.height(), "image/webp", bytes));
            default -> {
                PageImage img = decoder.decode(bytes);
                out.add(new PageInput(1, img.width(), img.height(), "image/png", png(img)));
            }
        }
        return out;
    }

    private Page toPage(PageInput in, Completion c) {
        List<Line> spotted = new ArrayList<>();
        for (AnswerParser.Spotted s : AnswerParser.spotting(c.text())) {
            Quad box = AnswerParser.toPixels(s, in.width(), in.height(), client.config().coordinates());
            spotted.add(new Line(s.text(), LINE_SCORE, box, 0));
        }
        List<Line> lines = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (List<Line> group : ReadingOrder.blocks(spotted)) {
            List<Integer> idx = new ArrayList<>();
            for (Line l : group) {
                idx.add(lines.size());
                lines.add(l);
            }
            blocks.add(new Block(BlockKind.PARAGRAPH, bounds(group), idx));
        }
        String model = "vlm:" + (client.modelName() == null ? "unknown" : client.modelName());
        return new Page(in.number(), in.width(), in.height(), 0, 0, lines, blocks,
                new StageTimings(0, 0, 0, c.millis(), c.millis()), new ModelInfo(model, model, null), null);
    }

    private static Quad bounds(List<Line> lines) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Line l : lines) {
            x0 = Math.min(x0, l.box().minX());
            y0 = Math.min(y0, l.box().minY());
            x1 = Math.max(x1, l.box().maxX());
            y1 = Math.max(y1, l.box().maxY());
        }
        return new Quad(new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1));
    }

    static byte[] png(PageImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        System.arraycopy(img.bgr(), 0, dst, 0, Math.min(dst.length, img.bgr().length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(bi, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
