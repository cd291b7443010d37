package dev.lector.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.geometry.Point;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelSetTest {
    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("set").resolve("labels.jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void readsImagesLinesPolygonsAndFields() throws IOException {
        Path file = write(
                "{\"image\": \"images/a.jpg\", \"width\": 461, \"height\": 933, \"lines\": ["
                        + "{\"text\": \"TOTAL 12.00\", \"points\": [[10, 20], [110, 20], [110, 40], [10, 40]], \"ignore\": false},"
                        + "{\"text\": \"###\", \"points\": [[0, 50], [30, 50], [30, 60], [0, 60]], \"ignore\": true, \"label\": \"x\"}],"
                        + " \"fields\": {\"total\": \"12.00\", \"items\": [1, 2]}}",
                "",
                "{\"image\": \"images/b.png\", \"width\": 100, \"height\": 80, \"lines\": ["
                        + "{\"text\": null, \"points\": [[0, 0], [4, 0], [4, 2], [2, 2], [2, 4], [0, 4]], \"ignore\": false}],"
                        + " \"meta\": {\"source\": \"x\"}}");
        List<LabelledImage> images = LabelSet.readAll(file);
        assertThat(images).hasSize(2);

        LabelledImage a = images.get(0);
        assertThat(a.image()).isEqualTo(dir.resolve("set/images/a.jpg").toAbsolutePath());
        assertThat(a.width()).isEqualTo(461);
        assertThat(a.height()).isEqualTo(933);
        assertThat(a.lines()).hasSize(2);
        assertThat(a.lines().get(0).text()).isEqualTo("TOTAL 12.00");
        assertThat(a.lines().get(0).box().topLeft()).isEqualTo(new Point(10, 20));
        assertThat(a.lines().get(1).ignore()).isTrue();
        assertThat(a.fields()).containsEntry("total", "12.00").containsEntry("items", List.of(1, 2));
        assertThat(a.hasText()).isTrue();
        assertThat(a.referenceTexts()).containsExactly("TOTAL 12.00");

        LabelledImage b = images.get(1);
        GroundTruthLine hexagon = b.lines().get(0);
        assertThat(hexagon.text()).isNull();
        assertThat(hexagon.polygon()).hasSize(6).contains(new Point(2, 4));
        assertThat(hexagon.box().area()).isCloseTo(16.0, org.assertj.core.api.Assertions.within(1e-9)); // minimum rectangle around the L shape
        assertThat(b.fields()).isEqualTo(Map.of());
        assertThat(b.hasText()).isFalse();
    }

    @Test
    void streamsOneLineAtATime() throws IOException {
        Path file = write("{\"image\": \"i/1.png\", \"width\": 1, \"height\": 1, \"lines\": []}",
                "{\"image\": \"i/2.png\", \"width\": 1, \"height\": 1, \"lines\": []}",
                "not json at all");
        try (Stream<LabelledImage> images = LabelSet.read(file)) {
            // only the first two lines are parsed when only two are asked for
            assertThat(images.limit(2).map(i -> i.image().getFileName().toString())).containsExactly("1.png", "2.png");
        }
    }

    @Test
    void malformedLinesSayWhere() throws IOException {
        Path file = write("{\"image\": \"i/1.png\", \"width\": 1, \"height\": 1, \"lines\": []}", "{oops");
        assertThatThrownBy(() -> LabelSet.readAll(file)).isInstanceOf(LabelFormatException.class)
                .hasMessageContaining("labels.jsonl:2").satisfies(e -> assertThat(((LabelFormatException) e).lineNumber()).isEqualTo(2));

        Path twoPoints = write("{\"image\": \"i/1.png\", \"width\": 1, \"height\": 1, \"lines\": [{\"text\": \"a\", \"points\": [[0, 0], [1, 1]]}]}");
        assertThatThrownBy(() -> LabelSet.readAll(twoPoints)).isInstanceOf(LabelFormatException.class).hasMessageContaining("needs at least 3");

        Path noImage = write("{\"width\": 1, \"height\": 1, \"lines\": []}");
        assertThatThrownBy(() -> LabelSet.readAll(noImage)).isInstanceOf(LabelFormatException.class).hasMessageContaining("\"image\"");

        Path badSize = write("{\"image\": \"i/1.png\", \"width\": 0, \"height\": 1, \"lines\": []}");
        assertThatThrownBy(() -> LabelSet.readAll(badSize)).isInstanceOf(LabelFormatException.class).hasMessageContaining("size");
    }
}
