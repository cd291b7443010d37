package dev.lector.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a multi-file run says on standard error besides its errors: a progress bar while it reads
 * (files done / total, pages/s, elapsed and ETA; me.tongfei:progressbar), only when standard error
 * is a terminal, and one summary line at the end ({@code lector: 12 files, 15 pages, 1 failed,
 * 8.4 s (1.9 pages/s)}). {@code --quiet} turns both off; errors are always said, one line each, and
 * never garble the bar. Thread-safe.
 */
final class Progress implements AutoCloseable {

    private final String task;
    private final int total;
    private final boolean showBar;
    private final boolean summary;
    private final PrintStream err;
    private final int barWidth;
    private final long started = System.nanoTime();
    private long readingSince = started;
    private ProgressBar bar;
    private int files;
    private int pages;
    private int failed;
    private boolean closed;

    /**
     * @param bar      draw a progress bar (on a terminal)
     * @param summary  print the summary line at the end
     * @param barWidth the bar's rendered width (0: the terminal's)
     */
    Progress(String task, int total, boolean bar, boolean summary, PrintStream err, int barWidth) {
        this.task = task;
        this.total = total;
        this.showBar = bar;
        this.summary = summary;
        this.err = err;
        this.barWidth = barWidth;
    }

    /** For a command's run: bar and summary for several inputs, the bar only on a terminal, neither with --quiet. */
    static Progress of(String task, int total, boolean many, boolean quiet, PrintStream err) {
        boolean show = many && !quiet;
        return new Progress(task, total, show && total > 1 && stderrIsTerminal(), show, err, 0);
    }

    /** Whether file descriptor 2 is a terminal. */
    static boolean stderrIsTerminal() {
        return !"dumb".equals(System.getenv("TERM")) && isTerminal(2);
    }

    /** Whether file descriptor {@code fd} is a terminal (isatty: Linux's /proc link to a tty; elsewhere System.console()). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception e) {
            return fd == 2 && System.console() != null; // never refuse a piped standard input on a guess
        }
    }

    /** Starts the clock of pages/s and the bar: call once the models have loaded. */
    synchronized void begin() {
        readingSince = System.nanoTime();
        if (showBar && bar == null && !closed) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" files", 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().clearDisplayOnFinish()
                    .setConsumer(barWidth > 0 ? new ConsoleProgressBarConsumer(err, barWidth) : new ConsoleProgressBarConsumer(err))
                    .build();
            bar.setExtraMessage(rate());
        }
    }

    /** One input read, with this many pages. */
    synchronized void done(int pageCount) {
        files++;
        pages += pageCount;
        step();
    }

    /** One input that could not be read or written: said at once, one line. */
    synchronized void failed(String name, String why) {
        files++;
        failed++;
        say("lector: " + name + ": " + why);
        step();
    }

    /** A line for the user (not a failure), e.g. which PDF pages were OCRed. */
    synchronized void say(String line) {
        if (bar != null) err.print("\r\033[K"); // clear the bar's line; it is drawn again on its next tick
        err.println(line);
        err.flush();
    }

    int failures() {
        return failed;
    }

    private void step() {
        if (bar != null) {
            bar.setExtraMessage(rate());
            bar.stepTo(files);
        }
    }

    private String rate() {
        double s = (System.nanoTime() - readingSince) / 1e9;
        return String.format(Locale.ROOT, "%d pages, %.1f pages/s", pages, s > 0 ? pages / s : 0);
    }

    /** The summary line: files, pages, failures, wall time of the run and pages/s while reading. */
    synchronized String summaryLine() {
        double all = (System.nanoTime() - started) / 1e9;
        double reading = (System.nanoTime() - readingSince) / 1e9;
        return String.format(Locale.ROOT, "lector: %d %s, %d %s, %d failed, %.1f s (%.1f pages/s)", files, files == 1 ? "file" : "files",
                pages, pages == 1 ? "page" : "pages", failed, all, reading > 0 ? pages / reading : 0);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (bar != null) bar.close();
        if (summary) {
            err.println(summaryLine());
            err.flush();
        }
    }
}
