package dev.lector.render;

import dev.lector.result.Block;
import dev.lector.result.BlockKind;
import dev.lector.result.Document;
import dev.lector.result.Line;
import dev.lector.result.Page;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ALTO v4 (namespace {@code http://www.loc.gov/standards/alto/ns-v4#}): pixel measurement, one
 * {@code Page} per page ({@code PHYSICAL_IMG_NR} its number in the file) whose {@code PrintSpace}
 * is the whole page, a {@code TextBlock} per block (its kind as a {@code LayoutTag}), a
 * {@code TextLine} per line and a {@code String} per word ({@code HPOS}, {@code VPOS},
 * {@code WIDTH}, {@code HEIGHT}, {@code WC} in 0..1, {@code CONTENT}) with an {@code SP} wherever
 * the line's text has a space. Lines without words get words estimated from the text. Any text
 * comes out as well-formed XML. Thread-safe.
 */
public final class AltoRenderer {
    public static final String MEDIA_TYPE = "application/xml";
    public static final String NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#";

    private AltoRenderer() {}

    /** @param image the input's file name, or null */
    public static String render(Document doc, String image) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<alto xmlns=\"").append(NAMESPACE).append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:schemaLocation=\"").append(NAMESPACE).append(" http://www.loc.gov/alto/v4/alto-4-2.xsd\">\n")
                .append(" <Description>\n  <MeasurementUnit>pixel</MeasurementUnit>\n");
        if (image != null) {
            sb.append("  <sourceImageInformation><fileName>").append(Xml.text(image)).append("</fileName></sourceImageInformation>\n");
        }
        sb.append("  <OCRProcessing ID=\"OCR_0\"><ocrProcessingStep><processingSoftware>")
                .append("<softwareName>Lector</softwareName><softwareVersion>").append(Xml.text(Producer.version()))
                .append("</softwareVersion></processingSoftware></ocrProcessingStep></OCRProcessing>\n </Description>\n");
        Set<BlockKind> kinds = EnumSet.noneOf(BlockKind.class);
        for (Page p : doc.pages()) for (Block b : p.blocks()) kinds.add(b.kind());
        if (!kinds.isEmpty()) {
            sb.append(" <Tags>\n");
            for (BlockKind k : kinds) {
                sb.append("  <LayoutTag ID=\"").append(tag(k)).append("\" LABEL=\"").append(k.jsonName()).append("\"/>\n");
            }
            sb.append(" </Tags>\n");
        }
        sb.append(" <Layout>\n");
        for (Page p : doc.pages()) page(sb, p);
        sb.append(" </Layout>\n</alto>\n");
        return sb.toString();
    }

    private static String tag(BlockKind k) {
        return "TAG_" + k.jsonName();
    }

    private static void page(StringBuilder sb, Page p) {
        int n = p.number();
        sb.append("  <Page ID=\"page_").append(n).append("\" PHYSICAL_IMG_NR=\"").append(n)
                .append("\" WIDTH=\"").append(p.width()).append("\" HEIGHT=\"").append(p.height()).append("\"");
        if (p.rotation() != 0) sb.append(" ROTATION=\"").append(p.rotation()).append('"');
        sb.append(">\n   <PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"").append(p.width()).append("\" HEIGHT=\"")
                .append(p.height()).append("\">\n");
        int blockNo = 0, lineNo = 0, wordNo = 0;
        for (Block b : p.blocks()) {
            blockNo++;
            sb.append("    <TextBlock ID=\"block_").append(n).append('_').append(blockNo).append('"')
                    .append(pos(Boxes.bbox(b.box(), p.width(), p.height()))).append(" TAGREFS=\"").append(tag(b.kind())).append("\">\n");
            for (Line l : p.linesOf(b)) {
                lineNo++;
                int[] lb = Boxes.bbox(l.box(), p.width(), p.height());
                sb.append("     <TextLine ID=\"line_").append(n).append('_').append(lineNo).append('"').append(pos(lb));
                if (l.orientation() == 0) {
                    long y = Math.round((l.box().bottomLeft().y() + l.box().bottomRight().y()) / 2);
                    sb.append(" BASELINE=\"").append(Math.max(lb[1], Math.min(lb[3], y))).append('"');
                }
                sb.append(">\n");
                List<LinePieces.Piece> pieces = LinePieces.of(l);
                for (int i = 0; i < pieces.size(); i++) {
                    LinePieces.Piece w = pieces.get(i);
                    wordNo++;
                    int[] wb = HocrRenderer.inside(Boxes.bbox(w.box(), p.width(), p.height()), lb);
                    sb.append("      <String ID=\"string_").append(n).append('_').append(wordNo).append('"').append(pos(wb))
                            .append(String.format(Locale.ROOT, " WC=\"%.2f\"", w.score()))
                            .append(" CONTENT=\"").append(Xml.attr(w.text())).append("\"/>\n");
                    if (w.spaceAfter() && i + 1 < pieces.size()) {
                        int[] next = HocrRenderer.inside(Boxes.bbox(pieces.get(i + 1).box(), p.width(), p.height()), lb);
                        int x = wb[2], width = Math.max(0, next[0] - wb[2]);
                        sb.append("      <SP HPOS=\"").append(x).append("\" VPOS=\"").append(wb[1]).append("\" WIDTH=\"")
                                .append(width).append("\"/>\n");
                    }
                }
                sb.append("     </TextLine>\n");
            }
            sb.append("    </TextBlock>\n");
        }
        sb.append("   </PrintSpace>\n  </Page>\n");
    }

    private static String pos(int[] b) {
        return " HPOS=\"" + b[0] + "\" VPOS=\"" + b[1] + "\" WIDTH=\"" + (b[2] - b[0]) + "\" HEIGHT=\"" + (b[3] - b[1]) + '"';
    }
}
