package dev.lector.eval;

/**
 * Character-bag counts of one comparison, summable over pages for micro-averaged scores.
 *
 * @param common   code points the two texts share as multisets
 * @param refChars code points in the reference
 * @param hypChars code points in the hypothesis
 */
public record CharBagOverlap(long common, long refChars, long hypChars) {

    public CharBagOverlap {
        if (common < 0 || refChars < 0 || hypChars < 0 || common > Math.min(refChars, hypChars)) {
            throw new IllegalArgumentException("inconsistent counts: common " + common + ", ref " + refChars + ", hyp " + hypChars);
        }
    }

    public static final CharBagOverlap ZERO = new CharBagOverlap(0, 0, 0);

    public CharBagOverlap plus(CharBagOverlap other) {
        return new CharBagOverlap(common + other.common, refChars + other.refChars, hypChars + other.hypChars);
    }

    /** common / hypothesis characters; 1 when both texts are empty, 0 when only the hypothesis is. */
    public double precision() {
        return hypChars == 0 ? (refChars == 0 ? 1 : 0) : (double) common / hypChars;
    }

    /** common / reference characters; 1 when both texts are empty, 0 when only the reference is. */
    public double recall() {
        return refChars == 0 ? (hypChars == 0 ? 1 : 0) : (double) common / refChars;
    }

    public double f1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
