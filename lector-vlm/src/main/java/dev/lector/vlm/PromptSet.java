package dev.lector.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The prompt sent for each {@link VlmTask}, and the system message (null: none is sent).
 *
 * <p>{@link #HUNYUAN} holds HunyuanOCR's official prompts, quoted exactly from its repository
 * (github.com/Tencent-Hunyuan/HunyuanOCR): spotting, document parsing and the two translations
 * from {@code inference/utils/tasks.py} ({@code TASK_PROMPTS["spotting_hunyuan"]},
 * {@code ["doc_parse"]}, {@code ["trans_other2en"]}, {@code ["trans_other2zh"]}); field
 * extraction from the README's "Application-oriented Prompts" table (Information Extraction,
 * English), whose {@code ['key1','key2', ...]} list is written here as in the README's own
 * example: {@code ['单价', '上车时间']}. Its official client sends an empty system message, and so
 * does this set. The model answers spotting in its own form {@code text(x1,y1),(x2,y2)} on a
 * 0-1000 grid.
 *
 * <p>{@link #GENERIC} is for general vision-language models (Qwen-VL, GPT-4o-class APIs): plain
 * English instructions asking for a JSON array of {@code {"box":[xmin,ymin,xmax,ymax],"text"}}
 * on the same 0-1000 grid (the form of HunyuanOCR's {@code spotting_json} prompt).
 *
 * <p>{@link #withFile} replaces any of them from a JSON object with the keys {@code spot},
 * {@code parse}, {@code translate_en}, {@code translate_zh}, {@code extract} and {@code system};
 * in {@code extract}, {@value #KEYS_PLACEHOLDER} stands for the key list.
 */
public record PromptSet(String name, String system, String spot, String parse, String translateEn, String translateZh,
                        String extract) {

    /** Where the key list goes in the {@code extract} prompt. */
    public static final String KEYS_PLACEHOLDER = "{keys}";

    public static final PromptSet HUNYUAN = new PromptSet("hunyuan", "",
            "检测并识别图片中的文字，将文本坐标格式化输出。",
            "提取文档图片中正文的所有信息用markdown格式表示，其中页眉、页脚部分忽略，表格用html格式表达，文档中公式用latex格式表示，按照阅读顺序组织进行解析。",
            "按照阅读顺序，提取图中文字，公式用latex格式表示，表格用markdown格式表示，再将文字内容翻译为英文。",
            "按照阅读顺序，提取图中文字，公式用latex格式表示，表格用markdown格式表示，再将文字内容翻译为中文。",
            "Extract the content of the fields: {keys} from the image and return it in JSON format.");

    public static final PromptSet GENERIC = new PromptSet("generic", null,
            "Detect and recognize every text line in the image, in reading order (top to bottom, left to right). "
                    + "Answer with a JSON array only; each element is {\"box\": [xmin, ymin, xmax, ymax], \"text\": \"the line's text\"}, "
                    + "with coordinates normalized to the range 0-1000 of the image's width and height.",
            "Convert the document in the image to Markdown in reading order. Ignore page headers and footers. "
                    + "Write tables as HTML and formulas as LaTeX. Answer with the Markdown only.",
            "Extract the text in the image in reading order, then translate it into English. Answer with the translation only.",
            "Extract the text in the image in reading order, then translate it into Chinese. Answer with the translation only.",
            "Extract the content of the fields: {keys} from the image and return it in JSON format.");

    private static final Set<String> FILE_KEYS = Set.of("spot", "parse", "translate_en", "translate_zh", "extract", "system");

    public PromptSet {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a prompt set needs a name");
        for (String p : new String[] {spot, parse, translateEn, translateZh, extract}) {
            if (p == null || p.isBlank()) throw new IllegalArgumentException("prompt set '" + name + "' has an empty prompt");
        }
        if (!extract.contains(KEYS_PLACEHOLDER)) {
            throw new IllegalArgumentException("the extract prompt of '" + name + "' must contain " + KEYS_PLACEHOLDER);
        }
    }

    /** {@code hunyuan} or {@code generic}. */
    public static PromptSet named(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "hunyuan", "hunyuanocr" -> HUNYUAN;
            case "generic" -> GENERIC;
            default -> throw new IllegalArgumentException("unknown prompt set '" + name + "': hunyuan or generic");
        };
    }

    /** This set with the prompts in {@code file} (a JSON object) replacing its own; unknown keys are an error. */
    public PromptSet withFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read prompt file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("prompt file " + file + " must hold a JSON object with keys " + sorted(FILE_KEYS));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FILE_KEYS.contains(k)) {
                throw new IllegalArgumentException("prompt file " + file + ": unknown key '" + k + "' (known: " + sorted(FILE_KEYS) + ")");
            }
            if (!root.get(k).isTextual() && !(k.equals("system") && root.get(k).isNull())) {
                throw new IllegalArgumentException("prompt file " + file + ": '" + k + "' must be a string");
            }
        }
        return new PromptSet(name + "+" + file.getFileName(),
                root.has("system") ? (root.get("system").isNull() ? null : root.get("system").asText()) : system,
                text(root, "spot", spot), text(root, "parse", parse), text(root, "translate_en", translateEn),
                text(root, "translate_zh", translateZh), text(root, "extract", extract));
    }

    /** The prompt for {@code task}; {@code keys} only for {@link VlmTask#EXTRACT}. */
    public String prompt(VlmTask task, List<String> keys) {
        return switch (task) {
            case SPOT -> spot;
            case PARSE -> parse;
            case TRANSLATE_EN -> translateEn;
            case TRANSLATE_ZH -> translateZh;
            case EXTRACT -> {
                if (keys == null || keys.isEmpty()) throw new IllegalArgumentException("field extraction needs at least one key");
                yield extract.replace(KEYS_PLACEHOLDER, keyList(keys));
            }
        };
    }

    /** {@code ['a', 'b']}: the list form of HunyuanOCR's README example (a quote in a key is escaped). */
    static String keyList(List<String> keys) {
        return keys.stream().map(k -> "'" + k.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String text(JsonNode root, String key, String dflt) {
        return root.has(key) ? root.get(key).asText() : dflt;
    }

    private static String sorted(Set<String> s) {
        return s.stream().sorted().collect(Collectors.joining(", "));
    }
}
