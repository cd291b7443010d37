package dev.lector.vlm;

/**
 * What the model gave for one page.
 *
 * @param page       the page's own number in its file (1 for an image)
 * @param width      the page's width in pixels as sent
 * @param height     its height
 * @param value      the result: a {@code Page}, Markdown or text, or {@link VlmFields}
 * @param completion the answer it came from (finish reason, tokens, time)
 */
public record PageAnswer<T>(int page, int width, int height, T value, Completion completion) {}
