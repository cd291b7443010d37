package dev.lector.render;

import dev.lector.result.Block;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.List;
import java.util.Locale;

/**
 * hOCR 1.2 (XHTML): one {@code ocr_page} per page ({@code bbox} of the whole page as stored,
 * {@code ppageno} the 0-based page number in its file), an {@code ocr_carea} holding one
 * {@code ocr_par} per block, an {@code ocr_line} per line ({@code bbox}, {@code baseline},
 * {@code x_size}, {@code x_wconf}, and {@code textangle} for lines not running left to right) and
 * an {@code ocrx_word} per word ({@code bbox}, {@code x_wconf}). Lines without words get words
 * estimated along the line from the text. Coordinates are pixels of the input as stored. Any
 * text, control characters included, comes out as well-formed XML. Thread-safe.
 */
public final class HocrRenderer {
    public static final String MEDIA_TYPE = "application/xhtml+xml";

    private HocrRenderer() {}

    /**
     * @param doc   what was read
     * @param image the input's file name (for the title and each page's {@code image} property), or null
     */
    public static String render(Document doc, String image) {
        StringBuilder sb = new StringBuilder(4096);
        String title = image == null ? "Lector OCR" : image;
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n")
                .append("<title>").append(Xml.text(title)).append("</title>\n")
                .append("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/>\n")
                .append("<meta name=\"ocr-system\" content=\"").append(Xml.attr(Producer.name())).append("\"/>\n")
                .append("<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf\"/>\n")
                .append("<meta name=\"ocr-number-of-pages\" content=\"").append(doc.pages().size()).append("\"/>\n")
                .append("</head>\n<body>\n");
        for (Page p : doc.pages()) page(sb, p, image);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void page(StringBuilder sb, Page p, String image) {
        int n = p.number();
        sb.append("<div class=\"ocr_page\" id=\"page_").append(n).append("\" title=\"");
        if (image != null) sb.append("image ").append(Xml.attr(quoted(image))).append("; ");
        sb.append("bbox 0 0 ").append(p.width()).append(' ').append(p.height()).append("; ppageno ").append(n - 1);
        if (p.rotation() != 0) sb.append("; textangle ").append((360 - p.rotation()) % 360);
        sb.append("\">\n");
        int blockNo = 0, lineNo = 0, wordNo = 0;
        for (Block b : p.blocks()) {
            blockNo++;
            String bbox = bbox(Boxes.bbox(b.box(), p.width(), p.height()));
            sb.append(" <div class=\"ocr_carea\" id=\"block_").append(n).append('_').append(blockNo)
                    .append("\" title=\"").append(bbox).append("\">\n");
            sb.append("  <p class=\"ocr_par\" id=\"par_").append(n).append('_').append(blockNo)
                    .append("\" lang=\"").append(lang(p.linesOf(b))).append("\" title=\"").append(bbox)
                    .append("\" data-kind=\"").append(b.kind().jsonName()).append("\">\n");
            for (Line l : p.linesOf(b)) {
                lineNo++;
                int[] lb = Boxes.bbox(l.box(), p.width(), p.height());
                double[] base = Boxes.baseline(l.box(), l.orientation());
                sb.append("   <span class=\"ocr_line\" id=\"line_").append(n).append('_').append(lineNo)
                        .append("\" title=\"").append(bbox(lb))
                        .append(String.format(Locale.ROOT, "; baseline %.3f %d", base[0], Math.round(base[1])));
                if (l.orientation() != 0) sb.append("; textangle ").append((360 - l.orientation()) % 360);
                sb.append(String.format(Locale.ROOT, "; x_size %d; x_wconf %d", Math.round(l.box().height()), conf(l.score())))
                        .append("\">");
                List<LinePieces.Piece> pieces = LinePieces.of(l);
                for (int i = 0; i < pieces.size(); i++) {
                    LinePieces.Piece w = pieces.get(i);
                    wordNo++;
                    int[] wb = inside(Boxes.bbox(w.box(), p.width(), p.height()), lb);
                    sb.append("<span class=\"ocrx_word\" id=\"word_").append(n).append('_').append(wordNo)
                            .append("\" title=\"").append(bbox(wb)).append("; x_wconf ").append(conf(w.score()))
                            .append("\">").append(Xml.text(w.text())).append("</span>");
                    if (w.spaceAfter()) sb.append(' ');
                }
                sb.append("</span>\n");
            }
            sb.append("  </p>\n </div>\n");
        }
        sb.append("</div>\n");
    }

    /** {@code inner} clamped into {@code outer} (a word's box into its line's, against rounding). */
    static int[] inside(int[] inner, int[] outer) {
        int x0 = Math.max(outer[0], Math.min(outer[2], inner[0])), y0 = Math.max(outer[1], Math.min(outer[3], inner[1]));
        int x1 = Math.max(x0, Math.min(outer[2], inner[2])), y1 = Math.max(y0, Math.min(outer[3], inner[3]));
        return new int[] {x0, y0, x1, y1};
    }

    private static String bbox(int[] b) {
        return "bbox " + b[0] + ' ' + b[1] + ' ' + b[2] + ' ' + b[3];
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static long conf(double score) {
        return Math.round(score * 100);
    }

    /** A language tag for a block: Chinese when most of its characters are CJK ideographs, else undetermined. */
    private static String lang(List<Line> lines) {
        int wide = 0, other = 0;
        for (Line l : lines) {
            for (int i = 0; i < l.text().length(); ) {
                int cp = l.text().codePointAt(i);
                if (Character.isLetter(cp)) {
                    if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) wide++;
                    else other++;
                }
                i += Character.charCount(cp);
            }
        }
        return wide > other ? "zh" : "und";
    }
}
