package dev.lector.cli;

import dev.lector.image.ImageLimits;
import dev.lector.vlm.SamplingParams;
import dev.lector.vlm.VlmConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options of the VLM back end, shared by {@code ocr --engine vlm}, {@code parse}, {@code translate},
 * {@code extract --engine vlm} and {@code serve}. Flags win over {@code LECTOR_VLM_URL} and
 * {@code LECTOR_VLM_MODEL}; the API key comes only from the environment (a flag would show in
 * {@code ps}), from {@code LECTOR_VLM_API_KEY} or the variable {@code --vlm-api-key-env} names.
 */
public final class VlmOptions {

    @Option(names = "--vlm-url", paramLabel = "URL",
            converter = OptionValues.HttpUrl.class,
            description = "OpenAI-compatible API root of the VLM back end, e.g. http://127.0.0.1:8000/v1 (env LECTOR_VLM_URL).")
    String url;

    @Option(names = "--vlm-model", paramLabel = "NAME",
            description = "Served model name, e.g. tencent/HunyuanOCR (env LECTOR_VLM_MODEL; default: the first the back end lists).")
    String model;

    @Option(names = "--vlm-api-key-env", paramLabel = "VAR", defaultValue = "LECTOR_VLM_API_KEY",
            description = "Environment variable holding the back end's API key (default ${DEFAULT-VALUE}).")
    String apiKeyEnv;

    @Option(names = "--vlm-profile", paramLabel = "NAME", defaultValue = "hunyuan",
            converter = OptionValues.Profile.class,
            description = "hunyuan: HunyuanOCR's official prompts and sampling; generic: plain prompts asking for JSON boxes, no vLLM-only settings (default ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--vlm-prompts", paramLabel = "FILE",
            converter = OptionValues.ReadableFile.class,
            description = "JSON object replacing prompts: keys spot, parse, translate_en, translate_zh, extract ({keys} = the key list), system.")
    Path prompts;

    @Option(names = "--vlm-timeout", paramLabel = "SECONDS", defaultValue = "120",
            converter = OptionValues.Seconds.class,
            description = "Longest one page may take, retries included (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--vlm-first-token-timeout", paramLabel = "SECONDS",
            converter = OptionValues.Seconds.class,
            description = "Longest wait for the first token of an answer (default: --vlm-timeout).")
    Double firstTokenSeconds;

    @Option(names = "--vlm-connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            converter = OptionValues.Seconds.class,
            description = "Longest wait for a connection (default ${DEFAULT-VALUE}).")
    double connectSeconds;

    @Option(names = "--vlm-retries", paramLabel = "N", defaultValue = "3",
            converter = OptionValues.AtLeastZero.class,
            description = "Further attempts after 429, 502, 503 or a refused connection, honouring Retry-After (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--vlm-concurrency", paramLabel = "N", defaultValue = "8",
            converter = OptionValues.AtLeastOne.class,
            description = "Requests sent to the back end at once (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--vlm-max-tokens", paramLabel = "N", converter = OptionValues.AtLeastOne.class,
            description = "Most tokens per answer (default 4096).")
    Integer maxTokens;

    @Option(names = "--vlm-temperature", paramLabel = "T", converter = OptionValues.NonNegativeDouble.class,
            description = "Sampling temperature (default 0).")
    Double temperature;

    @Option(names = "--vlm-top-k", paramLabel = "K", converter = OptionValues.TopK.class,
            description = "vLLM top_k (hunyuan default -1, off).")
    Integer topK;

    @Option(names = "--vlm-repetition-penalty", paramLabel = "R", converter = OptionValues.PositiveDouble.class,
            description = "vLLM repetition_penalty (hunyuan default 1.08).")
    Double repetitionPenalty;

    @Option(names = "--vlm-no-stream", description = "Ask for the whole answer at once (no streaming: no repetition guard while it is written, no first-token timeout).")
    boolean noStream;

    @Option(names = "--vlm-coords", paramLabel = "grid|pixels", defaultValue = "grid",
            converter = OptionValues.Coordinates.class,
            description = "How the model writes boxes: grid (0-1000, HunyuanOCR) or pixels (default ${DEFAULT-VALUE}).")
    String coords;

    /** Whether a back end is named by a flag or {@code LECTOR_VLM_URL}. */
    boolean configured(Map<String, String> env) {
        return url != null || (env.get(VlmConfig.ENV_URL) != null && !env.get(VlmConfig.ENV_URL).isBlank());
    }

    /** The back end's settings; an error naming the flag when no URL is given. */
    VlmConfig config(Map<String, String> env) {
        String u = url != null ? url : env.get(VlmConfig.ENV_URL);
        if (u == null || u.isBlank()) {
            throw new IllegalArgumentException("no VLM back end: give --vlm-url URL (e.g. http://127.0.0.1:8000/v1) or set " + VlmConfig.ENV_URL);
        }
        String m = model != null ? model : env.get(VlmConfig.ENV_MODEL);
        VlmConfig c = VlmConfig.profile(profile, VlmConfig.parseUrl(u), m).withApiKey(env.get(apiKeyEnv));
        if (prompts != null) c = c.withPrompts(c.prompts().withFile(prompts));
        Duration total = seconds("--vlm-timeout", timeoutSeconds);
        c = c.withTimeouts(seconds("--vlm-connect-timeout", connectSeconds),
                firstTokenSeconds == null ? total : seconds("--vlm-first-token-timeout", firstTokenSeconds), total)
                .withRetries(retries, c.retryBackoff()).withMaxConcurrent(concurrency).withStream(!noStream)
                .withCoordinates(VlmConfig.Coordinates.parse(coords));
        SamplingParams s = c.sampling();
        if (maxTokens != null) s = s.withMaxTokens(maxTokens);
        if (temperature != null) s = s.withTemperature(temperature);
        if (topK != null) s = s.withTopK(topK);
        if (repetitionPenalty != null) s = s.withRepetitionPenalty(repetitionPenalty);
        return c.withSampling(s);
    }

    /** Image limits for the VLM path (the defaults: PDF pages at 200 dpi). */
    static ImageLimits limits() {
        return ImageLimits.DEFAULT;
    }

    private static Duration seconds(String flag, double s) {
        if (!(s > 0) || s > 86400) throw new IllegalArgumentException(flag + " must be in (0, 86400] seconds: " + s);
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

}
