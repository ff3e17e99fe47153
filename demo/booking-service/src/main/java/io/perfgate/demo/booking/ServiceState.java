package io.perfgate.demo.booking;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running service tells {@link ServiceControl} in its state file: its process id, whether it is
 * still starting or ready, its address and the token a stop request must carry. The file is replaced
 * in one step, readable by its owner only, and deleted when the service stops.
 *
 * @param pid       the service's process id
 * @param ready     false while PostgreSQL starts and the tables are filled
 * @param url       the API's address, e.g. {@code http://127.0.0.1:8080}; while starting empty unless
 *                  the port was given
 * @param stopToken what {@code POST /admin/stop} must carry; empty while starting
 */
record ServiceState(long pid, boolean ready, String url, String stopToken) {

    ServiceState {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(stopToken, "stopToken");
    }

    /** {@code url} is where the API will listen, empty when it takes any free port. */
    static ServiceState starting(long pid, String url) {
        return new ServiceState(pid, false, url, "");
    }

    static ServiceState ready(long pid, String url, String stopToken) {
        return new ServiceState(pid, true, url, stopToken);
    }

    /** Writes the state to {@code file}, replacing what was there in one step. */
    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("status", ready ? "ready" : "starting");
        properties.setProperty("url", url);
        properties.setProperty("stopToken", stopToken);
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path temporary = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(folder, ".booking-service", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(folder, ".booking-service", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "the running booking service; deleted when it stops");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the state file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * The state in {@code file}, empty when there is none.
     *
     * @throws IllegalStateException when the file is not a state file
     */
    static Optional<ServiceState> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the state file " + file + " cannot be read: " + e.getMessage(), e);
        }
        String pid = properties.getProperty("pid", "");
        String status = properties.getProperty("status", "");
        if (!pid.matches("\\d+") || !(status.equals("ready") || status.equals("starting"))) {
            throw new IllegalStateException(file + " is not a booking service state file: it needs a numeric pid"
                    + " and a status of starting or ready");
        }
        return Optional.of(new ServiceState(Long.parseLong(pid), status.equals("ready"),
                properties.getProperty("url", ""), properties.getProperty("stopToken", "")));
    }

    /** Deletes the file, if it still describes this process. */
    static void delete(Path file, long pid) {
        try {
            Optional<ServiceState> state = read(file);
            if (state.isPresent() && state.get().pid() == pid) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("booking-service: the state file " + file + " could not be deleted: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ServiceState[pid=" + pid + ", ready=" + ready + ", url=" + url + ", stopToken="
                + (stopToken.isEmpty() ? "" : "****") + "]";
    }
}
