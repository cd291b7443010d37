package dev.lector.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where the command turns a failure into what the user reads: one line on standard
 * error starting {@code lector: }, no Java class names, no stack trace (unless {@code LECTOR_DEBUG}
 * is set), and the exit code of {@link ExitCode}.
 */
final class ErrorReport {

    /** The exit codes of every {@code lector} command (also listed in each command's help and in docs/cli.md). */
    static final class ExitCode {
        /** Every input was read. */
        static final int OK = 0;
        /** At least one input could not be read (missing, not an image or PDF, damaged); the others were. */
        static final int INPUT = 1;
        /** Nothing was read: a bad option or value, no input found, an output that cannot be written, models that cannot load. */
        static final int USAGE = 2;
        /** The VLM back end is unreachable, refused the request or stayed unavailable. */
        static final int BACKEND = 3;
        /** The VLM back end was too slow. */
        static final int TIMEOUT = 4;
        /** The VLM back end's answer could not be parsed. */
        static final int UNPARSEABLE = 5;
        /** An internal error (a bug): LECTOR_DEBUG=1 prints where. */
        static final int INTERNAL = 70;

        private ExitCode() {}

        /** Code and meaning, for help and docs. */
        static final List<String[]> LIST = List.of(
                new String[] {"0", "every input was read"},
                new String[] {"1", "some inputs could not be read (each is named on stderr); the rest were"},
                new String[] {"2", "nothing was read: bad option or value, no input found, output not writable, models not loadable"},
                new String[] {"3", "VLM back end unreachable, refusing or unavailable"},
                new String[] {"4", "VLM back end too slow"},
                new String[] {"5", "VLM back end's answer not parseable"},
                new String[] {"70", "internal error (LECTOR_DEBUG=1 prints the stack trace)"});
    }

    private ErrorReport() {}

    /** Bad command lines: one line, with picocli's suggestion for a misspelt option or command. */
    static IParameterExceptionHandler parameterHandler() {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("lector: " + usageMessage(ex));
            if (System.getenv("LECTOR_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return ExitCode.USAGE;
        };
    }

    /** Failures inside a command: one line, exit code by kind. */
    static IExecutionExceptionHandler executionHandler() {
        return (ex, cmd, parsed) -> {
            cmd.getErr().println("lector: " + (ex instanceof ParameterException p ? usageMessage(p) : oneLine(ex)));
            if (System.getenv("LECTOR_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return exitCode(ex);
        };
    }

    static String usageMessage(ParameterException ex) {
        String m = flatten(ex.getMessage());
        if (ex instanceof CommandLine.MissingParameterException) {
            m += " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
        } else if (ex instanceof UnmatchedArgumentException u) {
            List<String> s = u.getSuggestions();
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            if (!s.isEmpty()) {
                m += " (did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?)";
            } else {
                m += " (see '" + command + " --help')";
            }
        }
        return m;
    }

    static int exitCode(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof VirtualMachineError) return ExitCode.INTERNAL;
        if (t instanceof NullPointerException || t instanceof ClassCastException || t instanceof IndexOutOfBoundsException
                || t instanceof ArithmeticException || t instanceof IllegalMonitorStateException) {
            return ExitCode.INTERNAL;
        }
        return ExitCode.USAGE;
    }

    /** A failure as one line a user can act on: the innermost useful message, Java class names removed. */
    static String oneLine(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof OutOfMemoryError) {
            return "out of memory: give Java more heap, e.g. LECTOR_JAVA_OPTS=-Xmx2g, or read fewer pages at once (--threads)";
        }
        if (exitCode(t) == ExitCode.INTERNAL) {
            String m = clean(t.getMessage());
            return "internal error" + (m.isEmpty() ? "" : ": " + m) + " (LECTOR_DEBUG=1 prints where)";
        }
        if (t instanceof IOException io) return ioMessage(io);
        String m = clean(t.getMessage());
        if (m.isEmpty() && t.getCause() != null) m = clean(t.getCause().getMessage());
        return m.isEmpty() ? "failed without a message (LECTOR_DEBUG=1 prints where)" : m;
    }

    /** An I/O failure: the file and the reason in words. */
    static String ioMessage(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String file = f.getFile();
            String why = e instanceof NoSuchFileException ? "no such file or folder"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "a file of that name is in the way"
                    : e instanceof NotDirectoryException ? "not a folder"
                    : clean(f.getReason());
            return file + ": " + (why.isEmpty() ? "cannot be read or written" : why);
        }
        String m = clean(e.getMessage());
        return m.isEmpty() ? "input/output error" : m;
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t != t.getCause()
                && (t instanceof ExecutionException || t instanceof CompletionException || t instanceof InvocationTargetException
                || (t instanceof UncheckedIOException && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))))) {
            t = t.getCause();
        }
        return t;
    }

    /** A qualified Java class name, optionally followed by ": " (as Throwable.toString() writes it). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

    static String clean(String message) {
        if (message == null) return "";
        return flatten(CLASS_NAME.matcher(message).replaceAll("")).strip();
    }

    private static String flatten(String s) {
        if (s == null) return "";
        return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }
}
