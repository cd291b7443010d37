package dev.lector.vlm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One VLM back end and how to talk to it; validated here, printable (the API key never is).
 *
 * @param baseUrl           the API root, e.g. {@code http://127.0.0.1:8000/v1}; requests go to
 *                          {@code {base}/chat/completions}, readiness to {@code {base}/models}
 * @param model             the served model name; null: the first one {@code GET {base}/models} lists
 * @param apiKey            bearer key, or null; read from the environment by the callers
 * @param connectTimeout    longest wait for a TCP connection
 * @param firstTokenTimeout longest wait from sending to the first piece of the answer (with
 *                          streaming) or to the response headers (without)
 * @param totalTimeout      longest a request may take in all, retries and their waits included
 * @param retries           further attempts after a 429, 502, 503 or a refused connection
 * @param retryBackoff      first wait between attempts (doubled each time) where the back end
 *                          sends no {@code Retry-After}
 * @param maxConcurrent     requests sent to this back end at once; more wait for a slot
 * @param stream            stream the answer (server-sent events), which the repetition guard
 *                          and the first-token timeout need
 * @param repeatMinRepeats  the guard stops an answer whose tail is one piece repeated at least
 *                          this many times (and over at least {@link RepetitionGuard#MIN_SPAN} chars)
 * @param coordinates       how the model's boxes are scaled
 * @param sampling          generation settings
 * @param prompts           the prompt per task
 */
public record VlmConfig(URI baseUrl, String model, String apiKey, Duration connectTimeout, Duration firstTokenTimeout,
                        Duration totalTimeout, int retries, Duration retryBackoff, int maxConcurrent, boolean stream,
                        int repeatMinRepeats, Coordinates coordinates, SamplingParams sampling, PromptSet prompts) {

    /** How the model writes box coordinates. */
    public enum Coordinates {
        /** 0-1000 of the image's width and height (HunyuanOCR, Qwen2-VL, InternVL). */
        GRID_1000,
        /** Pixels of the image as sent (Qwen2.5-VL). */
        PIXELS;

        public static Coordinates parse(String s) {
            return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
                case "grid", "1000", "grid_1000" -> GRID_1000;
                case "pixels", "px" -> PIXELS;
                default -> throw new IllegalArgumentException("coordinates must be grid (0-1000) or pixels, not '" + s + "'");
            };
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final String ENV_URL = "LECTOR_VLM_URL";
    public static final String ENV_MODEL = "LECTOR_VLM_MODEL";
    public static final String ENV_API_KEY = "LECTOR_VLM_API_KEY";

    public VlmConfig {
        if (baseUrl == null) throw new IllegalArgumentException("the VLM back end needs a URL (--vlm-url or " + ENV_URL + ")");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the VLM URL must be http(s)://host[:port]/path, not '" + safe(baseUrl) + "'");
        }
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put the VLM API key in " + ENV_API_KEY + ", not in the URL");
        }
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        baseUrl = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path);
        if (model != null && model.isBlank()) model = null;
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        positive("connect timeout", connectTimeout);
        positive("first-token timeout", firstTokenTimeout);
        positive("total timeout", totalTimeout);
        if (retries < 0 || retries > 20) throw new IllegalArgumentException("VLM retries must be in 0..20: " + retries);
        if (retryBackoff == null || retryBackoff.isNegative()) throw new IllegalArgumentException("retry backoff must not be negative");
        if (maxConcurrent < 1) throw new IllegalArgumentException("VLM concurrency must be >= 1: " + maxConcurrent);
        if (repeatMinRepeats < 2) throw new IllegalArgumentException("repeat guard needs >= 2 repeats: " + repeatMinRepeats);
        if (coordinates == null) coordinates = Coordinates.GRID_1000;
        if (sampling == null) throw new IllegalArgumentException("sampling settings must not be null");
        if (prompts == null) throw new IllegalArgumentException("prompts must not be null");
    }

    /** HunyuanOCR's settings for {@code baseUrl}: its prompts and sampling, 120 s, 3 retries, 8 at once. */
    public static VlmConfig hunyuan(URI baseUrl, String model) {
        return new VlmConfig(baseUrl, model, null, Duration.ofSeconds(10), DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, 3,
                Duration.ofMillis(500), 8, true, 8, Coordinates.GRID_1000, SamplingParams.HUNYUAN, PromptSet.HUNYUAN);
    }

    /** Settings of the profile {@code hunyuan} or {@code generic}. */
    public static VlmConfig profile(String profile, URI baseUrl, String model) {
        VlmConfig h = hunyuan(baseUrl, model);
        PromptSet p = PromptSet.named(profile);
        return p == PromptSet.HUNYUAN ? h : h.withPrompts(p).withSampling(SamplingParams.GENERIC);
    }

    /** The back end named by {@code LECTOR_VLM_URL} (null when unset), model and key from the environment. */
    public static VlmConfig fromEnvironment(Map<String, String> env) {
        String url = env.get(ENV_URL);
        if (url == null || url.isBlank()) return null;
        return hunyuan(parseUrl(url), env.get(ENV_MODEL)).withApiKey(env.get(ENV_API_KEY));
    }

    public static URI parseUrl(String url) {
        try {
            return new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the VLM URL is not a valid URL: " + e.getReason());
        }
    }

    /** {@code {base}/chat/completions}. */
    public URI chatUri() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /** {@code {base}/models}. */
    public URI modelsUri() {
        return URI.create(baseUrl + "/models");
    }

    public VlmConfig withModel(String m) {
        return new VlmConfig(baseUrl, m, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, coordinates, sampling, prompts);
    }

    public VlmConfig withApiKey(String k) {
        return new VlmConfig(baseUrl, model, k, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, coordinates, sampling, prompts);
    }

    /** Total and first-token timeout both {@code d}. */
    public VlmConfig withTimeout(Duration d) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, d, d, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, coordinates, sampling, prompts);
    }

    public VlmConfig withTimeouts(Duration connect, Duration firstToken, Duration total) {
        return new VlmConfig(baseUrl, model, apiKey, connect, firstToken, total, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, coordinates, sampling, prompts);
    }

    public VlmConfig withRetries(int n, Duration backoff) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, n, backoff, maxConcurrent, stream, repeatMinRepeats, coordinates, sampling, prompts);
    }

    public VlmConfig withMaxConcurrent(int n) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, n, stream, repeatMinRepeats, coordinates, sampling, prompts);
    }

    public VlmConfig withStream(boolean s) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, s, repeatMinRepeats, coordinates, sampling, prompts);
    }

    public VlmConfig withRepeatMinRepeats(int n) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, stream, n, coordinates, sampling, prompts);
    }

    public VlmConfig withCoordinates(Coordinates c) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, c, sampling, prompts);
    }

    public VlmConfig withSampling(SamplingParams s) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, coordinates, s, prompts);
    }

    public VlmConfig withPrompts(PromptSet p) {
        return new VlmConfig(baseUrl, model, apiKey, connectTimeout, firstTokenTimeout, totalTimeout, retries, retryBackoff, maxConcurrent, stream, repeatMinRepeats, coordinates, sampling, p);
    }

    @Override
    public String toString() {
        return "VlmConfig[url=" + baseUrl + ", model=" + (model == null ? "(first listed)" : model)
                + ", apiKey=" + (apiKey == null ? "none" : "set") + ", connectTimeout=" + connectTimeout
                + ", firstTokenTimeout=" + firstTokenTimeout + ", totalTimeout=" + totalTimeout + ", retries=" + retries
                + ", maxConcurrent=" + maxConcurrent + ", stream=" + stream + ", coordinates=" + coordinates
                + ", sampling=" + sampling + ", prompts=" + prompts.name() + "]";
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("VLM " + what + " must be positive: " + d);
    }

    private static String safe(URI u) {
        return u.getRawUserInfo() == null ? u.toString() : u.toString().replace(u.getRawUserInfo() + "@", "");
    }
}
