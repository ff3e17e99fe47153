package io.perfgate.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The two things that make a folder of files safe for several builds at once: whole-file replacement
 * (write a temporary file, force it to disk, rename it over the target atomically, so a reader sees
 * the old file or the new one, never half of one), and a lock that holds across threads and
 * processes.
 */
final class AtomicFiles {

    /** Temporary files start with this, so listings can skip them. */
    static final String TEMP_PREFIX = ".tmp-";

    /**
     * A JVM cannot hold two {@link FileLock}s on one file ({@code OverlappingFileLockException}), so
     * threads of one JVM queue on this lock first and only one of them takes the file lock.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private AtomicFiles() {
    }

    /** Replaces (or creates) {@code target} with {@code content} in one step. */
    static void write(Path target, byte[] content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + folder + " cannot replace files atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(folder);
    }

    /** Makes the rename itself durable where the platform allows it (not on Windows). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The data is written; only the rename may be lost on a power cut, and a retried build records it again.
        }
    }

    /** Work done while holding a lock. */
    interface LockedWork<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} while this thread holds {@code lockFile}'s lock, against every thread and process. */
    static <T> T underLock(Path lockFile, LockedWork<T> work) throws IOException {
        return locked(lockFile, true, work).orElseThrow();
    }

    /** Like {@link #underLock}, but returns empty at once when another thread or process holds the lock. */
    static <T> Optional<T> tryUnderLock(Path lockFile, LockedWork<T> work) throws IOException {
        return locked(lockFile, false, work);
    }

    private static <T> Optional<T> locked(Path lockFile, boolean wait, LockedWork<T> work) throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(key, path -> new ReentrantLock());
        if (wait) {
            jvmLock.lock();
        } else if (!jvmLock.tryLock()) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = wait ? channel.lock() : channel.tryLock();
            if (lock == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.run());
            } finally {
                lock.release();
            }
        } finally {
            jvmLock.unlock();
        }
    }
}
