package dev.lector.vlm;

/**
 * Finds an answer stuck repeating itself: greedy decoding of a small model can fall into a loop
 * that emits one line (or one short piece) until the token cap. The tail of the text is checked
 * for a piece of 1..{@value #MAX_UNIT} characters repeated at least {@code minRepeats} times and
 * over at least {@value #MIN_SPAN} characters, so dot leaders and short runs of identical table
 * rows are left alone. Pure; callers decide how often to check.
 */
public final class RepetitionGuard {
    /** Longest repeated piece looked for. */
    public static final int MAX_UNIT = 256;
    /** The repeated run must cover at least this many characters. */
    public static final int MIN_SPAN = 512;
    /** Only this much of the tail is looked at. */
    static final int WINDOW = 8192;

    private final int minRepeats;

    public RepetitionGuard(int minRepeats) {
        if (minRepeats < 2) throw new IllegalArgumentException("minRepeats must be >= 2: " + minRepeats);
        this.minRepeats = minRepeats;
    }

    /**
     * Where to cut {@code text} so that one copy of its repeated tail is kept, or -1 when the tail
     * does not repeat.
     */
    public int cutAt(CharSequence text) {
        int n = text.length();
        int windowStart = Math.max(0, n - WINDOW);
        for (int unit = 1; unit <= MAX_UNIT && unit * minRepeats <= n - windowStart; unit++) {
            if (isBlank(text, n - unit, n)) continue;
            int copies = 1;
            int start = n - unit;
            while (start - unit >= windowStart && sameRun(text, start - unit, n - unit, unit)) {
                copies++;
                start -= unit;
            }
            if (copies >= minRepeats && (long) copies * unit >= MIN_SPAN) {
                return start + unit;
            }
        }
        return -1;
    }

    private static boolean sameRun(CharSequence s, int a, int b, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(a + i) != s.charAt(b + i)) return false;
        }
        return true;
    }

    private static boolean isBlank(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) return false;
        }
        return true;
    }
}
