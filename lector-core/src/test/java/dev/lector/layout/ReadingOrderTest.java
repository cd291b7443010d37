package dev.lector.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lector.geometry.Point;
import dev.lector.geometry.Quad;
import dev.lector.result.Line;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReadingOrderTest {

    private static Line line(String text, double x, double y, double w, double h) {
        return new Line(text, 0.9, Quad.ofRect(x, y, w, h), 0);
    }

    /** The line turned by {@code degrees} (clockwise on screen) about {@code (cx, cy)}. */
    private static Line turned(Line line, double degrees, double cx, double cy) {
        double a = Math.toRadians(degrees), cos = Math.cos(a), sin = Math.sin(a);
        List<Point> c = new ArrayList<>();
        for (Point p : line.box().corners()) {
            double dx = p.x() - cx, dy = p.y() - cy;
            c.add(new Point(cx + dx * cos - dy * sin, cy + dx * sin + dy * cos));
        }
        return new Line(line.text(), line.score(), new Quad(c.get(0), c.get(1), c.get(2), c.get(3)), line.orientation());
    }

    private static List<String> texts(List<Line> lines) {
        return lines.stream().map(Line::text).toList();
    }

    /** Sorts several shuffles of {@code expected} and checks every result. */
    private static void assertRestoresOrder(List<Line> expected) {
        for (int seed = 0; seed < 10; seed++) {
            List<Line> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(texts(ReadingOrder.sort(shuffled))).as("shuffle %d", seed).isEqualTo(texts(expected));
        }
    }

    @Test
    void emptyAndSingleLine() {
        assertThat(ReadingOrder.sort(List.of())).isEmpty();
        assertThat(ReadingOrder.blocks(List.of())).isEmpty();
        Line only = line("only", 10, 10, 100, 20);
        assertThat(ReadingOrder.sort(List.of(only))).containsExactly(only);
    }

    @Test
    void singleColumnTopToBottom() {
        List<Line> page = IntStream.range(0, 8)
                .mapToObj(i -> line("line " + i, 50 + (i % 3) * 10, 40 + i * 32, 600 - (i == 7 ? 400 : 0), 24))
                .toList();
        assertRestoresOrder(page);
    }

    @Test
    void receiptRowsStayTogetherAtSlightlyDifferentHeights() {
        List<Line> receipt = List.of(
                line("SUBTOTAL", 20, 400, 110, 18), line("11.00", 300, 404, 60, 18),
                line("TAX", 20, 430, 40, 18), line("1.00", 312, 427, 48, 18),
                line("TOTAL", 20, 460, 70, 20), line("12.00", 300, 466, 60, 18),
                line("CASH", 20, 492, 60, 18), line("20.00", 300, 490, 60, 18));
        assertRestoresOrder(receipt);
    }

    @Test
    void skewedPageReadsRowsAlongTheText() {
        // a header row with a far-right page number, then a paragraph, turned 5 degrees: the
        // number's box sits lower than the start of the paragraph's first line
        List<Line> flat = new ArrayList<>();
        flat.add(line("Chapter 1", 60, 60, 200, 30));
        flat.add(line("page 7", 900, 60, 90, 30));
        for (int i = 0; i < 6; i++) flat.add(line("paragraph " + i, 60, 110 + i * 42, i == 5 ? 350 : 930, 30));
        List<Line> skewed = flat.stream().map(l -> turned(l, 5, 500, 300)).toList();
        assertThat(skewed.get(1).box().minY()).isGreaterThan(skewed.get(2).box().minY());
        assertRestoresOrder(skewed);
    }

    @Test
    void pageTurned180IsReadFromItsOwnTopLeft() {
        List<Line> flat = List.of(line("first", 50, 50, 500, 30), line("second", 50, 100, 500, 30),
                line("third", 50, 150, 300, 30));
        // turned upside down: each box still lists the text's own top-left first
        assertRestoresOrder(flat.stream().map(l -> turned(l, 180, 400, 400)).toList());
    }

    private static List<Line> twoColumnPage() {
        List<Line> page = new ArrayList<>();
        page.add(line("Title across the page", 200, 40, 600, 40));
        for (int i = 0; i < 6; i++) page.add(line("left " + i, 60, 110 + i * 34, i == 5 ? 250 : 420, 26));
        for (int i = 0; i < 6; i++) page.add(line("right " + i, 520, 110 + i * 34, i == 5 ? 180 : 420, 26));
        page.add(line("Footer paragraph across both columns", 60, 340, 880, 26));
        return page;
    }

    @Test
    void twoColumnPageReadsLeftColumnThenRight() {
        assertRestoresOrder(twoColumnPage());
    }

    @Test
    void twoColumnBlocksAreTitleColumnsAndFooter() {
        List<List<Line>> blocks = ReadingOrder.blocks(twoColumnPage());
        assertThat(blocks).extracting(b -> b.get(0).text())
                .containsExactly("Title across the page", "left 0", "right 0", "Footer paragraph across both columns");
        assertThat(blocks.get(1)).hasSize(6);
        assertThat(blocks.get(2)).hasSize(6);
    }

    @Test
    void tableOfShortCellsIsReadRowByRow() {
        List<Line> table = new ArrayList<>();
        String[][] cells = {{"Apple", "1.20", "red"}, {"Banana", "0.50", "yellow"}, {"Cherry", "3.00", "dark red"}};
        Random jitter = new Random(3);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                table.add(line(cells[r][c], 50 + c * 250, 100 + r * 40 + jitter.nextInt(5), 40 + cells[r][c].length() * 11, 22));
            }
        }
        assertRestoresOrder(table);
    }

    @Test
    void optionListWithTagsAndDescriptionsIsReadRowByRow() {
        // tag | description rows, like a man page's option table: not two columns of text
        List<Line> table = new ArrayList<>();
        String[] tags = {"--groups=LIST", "--userspec=USER", "--skip-chdir", "--version"};
        for (int r = 0; r < tags.length; r++) {
            table.add(line(tags[r], 60, 100 + r * 50, 120 + (r % 2) * 40, 24));
            table.add(line("description of option " + r, 300, 100 + r * 50, 350 + r * 40, 24));
        }
        assertRestoresOrder(table);
    }

    @Test
    void inputIsNotModified() {
        List<Line> page = new ArrayList<>(twoColumnPage());
        Collections.reverse(page);
        List<Line> copy = List.copyOf(page);
        ReadingOrder.sort(page);
        assertThat(page).isEqualTo(copy);
    }
}
