package dev.lector.eval;

/** Word boxes matched against labelled word boxes (one-to-one, IoU at the matcher's threshold), micro-averaged. */
public record WordDetection(long truePositives, long gtWords, long predWords, double precision, double recall, double hmean) {

    static WordDetection of(long tp, long gt, long pred) {
        double p = pred == 0 ? 0 : (double) tp / pred;
        double r = gt == 0 ? 0 : (double) tp / gt;
        return new WordDetection(tp, gt, pred, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
