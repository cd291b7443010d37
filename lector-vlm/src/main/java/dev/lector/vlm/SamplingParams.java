package dev.lector.vlm;

/**
 * Generation settings sent with every request. A null field is not sent (hosted APIs reject
 * vLLM's extensions {@code top_k}, {@code repetition_penalty} and {@code skip_special_tokens}).
 *
 * <p>{@link #HUNYUAN} is what HunyuanOCR's own vLLM client ({@code inference/vLLM/infer_vllm_client.py})
 * sends by default: {@code max_tokens} 4096, {@code temperature} 0, {@code top_p} 1, {@code top_k} -1
 * (off), {@code repetition_penalty} 1.08, {@code skip_special_tokens} true.
 *
 * @param maxTokens         most tokens the model may generate; also the client's own cap on
 *                          streamed pieces, for a server that ignores it
 * @param temperature       0: greedy decoding
 * @param topP              nucleus sampling, or null
 * @param topK              vLLM's top-k (-1: off), or null
 * @param repetitionPenalty vLLM's repetition penalty (1: none), or null
 * @param skipSpecialTokens vLLM's skip_special_tokens, or null
 */
public record SamplingParams(int maxTokens, double temperature, Double topP, Integer topK, Double repetitionPenalty,
                             Boolean skipSpecialTokens) {

    public static final SamplingParams HUNYUAN = new SamplingParams(4096, 0.0, 1.0, -1, 1.08, true);
    public static final SamplingParams GENERIC = new SamplingParams(4096, 0.0, null, null, null, null);

    public SamplingParams {
        if (maxTokens < 1) throw new IllegalArgumentException("max tokens must be >= 1: " + maxTokens);
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("temperature must be in 0..2: " + temperature);
        if (topP != null && !(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top_p must be in (0, 1]: " + topP);
        if (topK != null && (topK == 0 || topK < -1)) throw new IllegalArgumentException("top_k must be -1 (off) or >= 1: " + topK);
        if (repetitionPenalty != null && !(repetitionPenalty > 0 && repetitionPenalty <= 2)) {
            throw new IllegalArgumentException("repetition penalty must be in (0, 2]: " + repetitionPenalty);
        }
    }

    public SamplingParams withMaxTokens(int n) {
        return new SamplingParams(n, temperature, topP, topK, repetitionPenalty, skipSpecialTokens);
    }

    public SamplingParams withTemperature(double t) {
        return new SamplingParams(maxTokens, t, topP, topK, repetitionPenalty, skipSpecialTokens);
    }

    public SamplingParams withTopP(Double p) {
        return new SamplingParams(maxTokens, temperature, p, topK, repetitionPenalty, skipSpecialTokens);
    }

    public SamplingParams withTopK(Integer k) {
        return new SamplingParams(maxTokens, temperature, topP, k, repetitionPenalty, skipSpecialTokens);
    }

    public SamplingParams withRepetitionPenalty(Double r) {
        return new SamplingParams(maxTokens, temperature, topP, topK, r, skipSpecialTokens);
    }
}
