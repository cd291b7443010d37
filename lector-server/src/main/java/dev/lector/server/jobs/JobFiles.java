package dev.lector.server.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The jobs folder: {@code jobs.db} (the {@link JobStore}), {@code inputs/ID} (each job's input,
 * written to a temporary name, fsynced, renamed, folder fsynced) and {@code lock}, held while a
 * server uses the folder so that a second server on it fails at start instead of sharing it.
 */
final class JobFiles implements AutoCloseable {

    private final Path dir;
    private final Path inputs;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private JobFiles(Path dir, Path inputs, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.inputs = inputs;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static JobFiles open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path inputs = Files.createDirectories(dir.resolve("inputs"));
            FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new IllegalStateException("the jobs folder " + dir + " is in use by another Lector server");
            }
            return new JobFiles(dir, inputs, ch, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("the jobs folder " + dir + " could not be opened: " + e.getMessage(), e);
        }
    }

    Path database() {
        return dir.resolve("jobs.db");
    }

    /** Writes a job's input durably: when this returns, the bytes are on disk under their final name. */
    void writeInput(String id, byte[] bytes) {
        Path tmp = inputs.resolve(id + ".tmp");
        Path target = inputs.resolve(id);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(inputs);
        } catch (IOException e) {
            throw new UncheckedIOException("job " + id + ": the input could not be stored: " + e.getMessage(), e);
        }
    }

    byte[] readInput(String id) {
        try {
            return Files.readAllBytes(inputs.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("job " + id + ": the stored input could not be read: " + e.getMessage(), e);
        }
    }

    boolean hasInput(String id) {
        return Files.exists(inputs.resolve(id));
    }

    void deleteInput(String id) {
        try {
            Files.deleteIfExists(inputs.resolve(id));
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            throw new UncheckedIOException("job " + id + ": the input could not be removed: " + e.getMessage(), e);
        }
    }

    /** Removes inputs of no known job (a crash between storing the input and committing its row). Returns how many. */
    int removeOrphans(List<String> known) {
        Set<String> keep = new HashSet<>(known);
        int n = 0;
        try (Stream<Path> files = Files.list(inputs)) {
            for (Path p : files.toList()) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the jobs inputs folder could not be cleaned: " + e.getMessage(), e);
        }
        return n;
    }

    private static void syncDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a folder for reading; the rename is still ordered by the kernel
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the process is stopping; the OS frees the lock with the file
        }
    }
}
