package dev.lector.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** Runs the real {@code lector} command (or any call of it) in-process and captures what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun lector(String... args) {
        return capture(() -> LectorCommand.run(args));
    }

    /** Runs the command with {@code stdin} as its standard input. */
    static CliRun lectorWithStdin(byte[] stdin, String... args) {
        java.io.InputStream old = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin));
        try {
            return lector(args);
        } finally {
            System.setIn(old);
        }
    }

    /** Runs {@code body} with standard output and error captured; its result is the exit code. */
    static CliRun capture(Callable<Integer> body) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = body.call();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
