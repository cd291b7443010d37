package dev.lector.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lector.image.ImageDecoder;
import dev.lector.image.ImageHeader;
import dev.lector.image.ImageLimits;
import dev.lector.image.PageRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Small JPEG previews of a PDF's pages for the web page ({@code page_images=true}), which cannot
 * draw a PDF itself: each page node gets {@code "preview"}, a data URI of the page rendered at
 * {@value #PREVIEW_DPI} dpi. The boxes stay in the coordinates of the page as read; the page
 * scales the preview to the page's {@code width x height}. At most {@value #MAX_PAGES} pages.
 */
final class PagePreviews {
    static final int PREVIEW_DPI = 72;
    static final int MAX_PAGES = 50;

    private PagePreviews() {}

    /** Adds previews to the page nodes of {@code out} when {@code body} is a PDF; images need none (the page has the file). */
    static void add(ObjectNode out, byte[] body, PageRange pages, ImageLimits limits) {
        if (!ImageHeader.isPdf(body)) return;
        Map<Integer, String> previews = new HashMap<>();
        new ImageDecoder(limits.withPdfDpi(PREVIEW_DPI)).forEachPdfPage(body, pages, (number, image) -> {
            if (previews.size() >= MAX_PAGES) return;
            try (ByteArrayOutputStream jpeg = new ByteArrayOutputStream()) {
                ImageIO.write(ImageDecoder.toBufferedImage(image), "jpg", jpeg);
                previews.put(number, "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg.toByteArray()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (JsonNode page : out.path("pages")) {
            String uri = previews.get(page.path("page").asInt());
            if (uri != null) ((ObjectNode) page).put("preview", uri);
        }
    }
}
