package dev.lector.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lector.geometry.Quad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerParserTest {

    @Test
    void hunyuanItemsKeepParenthesesInTheirText() {
        List<AnswerParser.Spotted> s = AnswerParser.spotting("ATLANTA (AP) Second(1,2),(3,4)\n金额(小写)(10, 20), (30, 40)");
        assertThat(s).extracting(AnswerParser.Spotted::text).containsExactly("ATLANTA (AP) Second", "金额(小写)");
    }

    @Test
    void refAndQuadTagsAreDropped() {
        assertThat(AnswerParser.spotting("<ref>Hello</ref><quad>(1,2),(3,4)</quad>"))
                .extracting(AnswerParser.Spotted::text).containsExactly("Hello");
    }

    @Test
    void aBoxOfEightNumbersIsAQuadrilateralAndPixelsStayPixels() {
        List<AnswerParser.Spotted> s = AnswerParser.spotting("[{\"bbox\":[10,10,110,20,105,40,5,30],\"text\":\"tilted\"}]");
        Quad q = AnswerParser.toPixels(s.getFirst(), 200, 100, VlmConfig.Coordinates.PIXELS);
        assertThat(q.topLeft().x()).isEqualTo(10);
        assertThat(q.bottomRight().y()).isEqualTo(40);
    }

    @Test
    void noTextIsAnEmptyAnswerButProseIsAnError() {
        assertThat(AnswerParser.spotting("  ")).isEmpty();
        assertThat(AnswerParser.spotting("没有文字")).isEmpty();
        assertThatThrownBy(() -> AnswerParser.spotting("I cannot read this image, it is too blurry to see anything."))
                .isInstanceOf(VlmException.class);
    }

    @Test
    void jsonAfterAThinkingBlockAndWithTrailingText() {
        assertThat(AnswerParser.json("<think>{not this}</think>json\n{'a': 1,} and that is all").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void aFenceAroundMarkdownIsTakenOff() {
        assertThat(AnswerParser.text("```markdown\n# T\n\nx\n```")).isEqualTo("# T\n\nx");
        assertThat(AnswerParser.text("# T\n\n```python\nx\n```")).isEqualTo("# T\n\n```python\nx\n```");
    }

    @Test
    void theRepetitionGuardCutsARepeatedLineButNotDotLeaders() {
        RepetitionGuard g = new RepetitionGuard(8);
        String leaders = "Total " + ".".repeat(60) + " 12.00\n";
        assertThat(g.cutAt(leaders.repeat(3))).isEqualTo(-1);
        String loop = "head\n" + "same line again\n".repeat(100);
        int cut = g.cutAt(loop);
        assertThat(loop.substring(0, cut)).isEqualTo("head\nsame line again\n");
        assertThat(g.cutAt("a".repeat(100))).isEqualTo(-1); // shorter than the minimum span
    }

    @Test
    void promptsComeFromAFileAndUnknownKeysAreRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("prompts.json");
        Files.writeString(f, "{\"spot\":\"find text\",\"extract\":\"fields {keys} please\",\"system\":null}");
        PromptSet p = PromptSet.HUNYUAN.withFile(f);
        assertThat(p.prompt(VlmTask.SPOT, List.of())).isEqualTo("find text");
        assertThat(p.prompt(VlmTask.EXTRACT, List.of("a", "it's"))).isEqualTo("fields ['a', 'it\\'s'] please");
        assertThat(p.prompt(VlmTask.PARSE, List.of())).isEqualTo(PromptSet.HUNYUAN.parse());
        assertThat(p.system()).isNull();
        Files.writeString(f, "{\"spotting\":\"x\"}");
        assertThatThrownBy(() -> PromptSet.HUNYUAN.withFile(f)).hasMessageContaining("unknown key 'spotting'");
    }
}
