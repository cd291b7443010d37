package dev.lector.vlm;

import java.util.Locale;

/** What the model is asked to do with a page; each task has its own fixed prompt in a {@link PromptSet}. */
public enum VlmTask {
    /** Text spotting: every text line with its box. */
    SPOT,
    /** Document parsing to Markdown. */
    PARSE,
    /** The page's text translated into English. */
    TRANSLATE_EN,
    /** The page's text translated into Chinese. */
    TRANSLATE_ZH,
    /** Named fields as a JSON object. */
    EXTRACT;

    /** The name in metrics and prompt files: {@code spot}, {@code parse}, {@code translate_en}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The translation task for a target language code {@code en} or {@code zh}. */
    public static VlmTask translateTo(String language) {
        return switch (language == null ? "" : language.trim().toLowerCase(Locale.ROOT)) {
            case "en", "english" -> TRANSLATE_EN;
            case "zh", "chinese", "zh-cn" -> TRANSLATE_ZH;
            default -> throw new IllegalArgumentException("translation target must be en or zh, not '" + language + "'");
        };
    }
}
