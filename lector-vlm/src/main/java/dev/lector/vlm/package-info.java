/**
 * Vision-language OCR models behind an OpenAI-compatible chat-completions API (HunyuanOCR on
 * vLLM, SGLang, llama.cpp's server, hosted APIs): {@link dev.lector.vlm.ChatClient} speaks the
 * protocol (image as a {@code data:} URI, fixed task prompts, streaming with a repetition guard,
 * timeouts, retries, a concurrency limit per back end); {@link dev.lector.vlm.AnswerParser} reads
 * the answers leniently; {@link dev.lector.vlm.VlmReader} turns an image or PDF into the same
 * {@code Document} PP-OCR gives (lines with boxes, no words), Markdown, a translation or fields.
 *
 * <p>No model runs here: the client is tested against a fake server of the protocol
 * ({@code FakeOpenAiServer} in the test sources). The API key is read from the environment and is
 * never logged, printed or put into an exception message.
 */
package dev.lector.vlm;
