package io.perfgate.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A started k6 with every process it starts, so that none of them outlives the run: not when the run
 * times out, and not when k6 exits and leaves a child running. Processes are found three ways, each
 * catching what the others miss:
 *
 * <ul>
 *   <li>k6 starts as the leader of a session of its own ({@code setsid}, where it exists), and every
 *       process still in that session is k6's, even one whose parent has exited;</li>
 *   <li>k6's environment carries a variable with a value unique to the run, which every process it
 *       starts inherits, even one that double-forks into a session of its own ({@code ( setsid cmd & )}):
 *       on Linux, {@code /proc/<pid>/environ} tells them;</li>
 *   <li>k6's descendants while it runs, and those seen every half second since it started, for
 *       systems without {@code /proc} (macOS, Windows).</li>
 * </ul>
 *
 * A process that clears its environment and leaves the session, or runs as another user, escapes;
 * on macOS and Windows so does one whose parent exits within half a second of starting it. While k6
 * runs, a shutdown hook stops the run's processes if the JVM exits (the build is aborted with Ctrl-C:
 * k6, in a session of its own, no longer gets the terminal's signal).
 */
final class ProcessTree {

    /** The variable in k6's environment whose value marks the processes of one run. */
    static final String RUN_VARIABLE = "PERFGATE_K6_RUN";

    private static final Path PROC = Path.of("/proc");
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final Duration SAMPLING = Duration.ofMillis(500);
    /** Rounds of finding and stopping: a process may start another while it is being stopped. */
    private static final int STOP_ROUNDS = 3;
    private static final Duration GRACE_ON_SHUTDOWN = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Process process;
    private final byte[] marker;
    private final boolean ownSession;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private final Thread sampler;
    private final Thread shutdownHook;

    private ProcessTree(Process process, String runId, boolean ownSession) {
        this.process = process;
        this.marker = (RUN_VARIABLE + "=" + runId + "\0").getBytes(StandardCharsets.UTF_8);
        this.ownSession = ownSession;
        this.sampler = new Thread(this::sample, "k6-processes " + process.pid());
        sampler.setDaemon(true);
        this.shutdownHook = new Thread(() -> stopRounds(GRACE_ON_SHUTDOWN), "k6-stop " + process.pid());
    }

    /**
     * Starts {@code command}, in a session of its own where {@code setsid} exists, with the run's mark in
     * its environment.
     *
     * @param builder the command's folder and environment; its command is replaced
     */
    static ProcessTree start(ProcessBuilder builder, List<String> command) throws IOException {
        String runId = UUID.randomUUID().toString();
        Optional<Path> setsid = SETSID.stream().filter(Files::isExecutable).findFirst();
        List<String> launched = new ArrayList<>();
        // A process Java starts never leads a process group, so setsid(1) makes it a session leader
        // without forking: the process started is k6 itself, and its exit code is k6's.
        setsid.ifPresent(path -> launched.add(path.toString()));
        launched.addAll(command);
        builder.command(launched);
        builder.environment().put(RUN_VARIABLE, runId);
        Process process = builder.start();
        ProcessTree tree = new ProcessTree(process, runId, setsid.isPresent() && leadsItsSession(process.pid()));
        try {
            Runtime.getRuntime().addShutdownHook(tree.shutdownHook);
        } catch (IllegalStateException e) {
            tree.stopRounds(Duration.ZERO);
            throw new IOException("the JVM is shutting down", e);
        }
        tree.sampler.start();
        return tree;
    }

    Process process() {
        return process;
    }

    /**
     * Stops every process of the run that still runs, k6 included: politely, then forcibly after the grace
     * period. Once k6 has exited, this is the last look: nothing watches the run afterwards.
     *
     * @return the processes found besides k6 itself, as {@code pid (command)}, in the order found
     */
    List<String> stop(Duration gracePeriod) {
        List<String> stopped = stopRounds(gracePeriod);
        if (!process.isAlive()) {
            sampler.interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down, and the hook is running or has run.
            }
        }
        return stopped;
    }

    private List<String> stopRounds(Duration gracePeriod) {
        Map<Long, String> stopped = new LinkedHashMap<>();
        Duration grace = gracePeriod;
        for (int round = 0; round < STOP_ROUNDS; round++) {
            List<ProcessHandle> found = find();
            if (found.isEmpty()) {
                break;
            }
            for (ProcessHandle handle : found) {
                if (handle.pid() != process.pid()) {
                    stopped.putIfAbsent(handle.pid(), handle.pid() + " (" + handle.info().command()
                            .map(command -> Path.of(command).getFileName().toString()).orElse("?") + ")");
                }
            }
            stop(found, grace);
            // Whatever appears after the first round started while the others were being stopped: no grace.
            grace = Duration.ZERO;
        }
        return List.copyOf(stopped.values());
    }

    /** The run's processes that are alive, k6 first when it still runs. */
    List<ProcessHandle> find() {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        ProcessHandle root = process.toHandle();
        if (root.isAlive()) {
            found.put(root.pid(), root);
            root.descendants().forEach(handle -> found.putIfAbsent(handle.pid(), handle));
        }
        seen.forEach(handle -> found.putIfAbsent(handle.pid(), handle));
        if (Files.isDirectory(PROC)) {
            findInProc(found);
        }
        Set<Long> spared = ownLineage();
        return found.values().stream().filter(handle -> !spared.contains(handle.pid()) && running(handle))
                .sorted(Comparator.comparing(handle -> handle.pid() == root.pid() ? 0 : 1))
                .collect(Collectors.toList());
    }

    /** Linux: the processes in k6's session, and those whose environment carries the run's mark. */
    private void findInProc(Map<Long, ProcessHandle> found) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcessTree::isPidFolder)) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (found.containsKey(pid)) {
                    continue;
                }
                if (ownSession && sessionOf(pid) == process.pid() || carriesMarker(entry)) {
                    ProcessHandle.of(pid).ifPresent(handle -> found.put(pid, handle));
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc changes while it is read; what was found is stopped, the next round looks again.
        }
    }

    private static boolean isPidFolder(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private boolean carriesMarker(Path procEntry) {
        byte[] environment;
        try {
            environment = Files.readAllBytes(procEntry.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or gone
        }
        // The environment is NAME=value entries each ended by NUL; the first entry has no NUL before it.
        return startsWith(environment, marker) || indexOf(environment, nulThen(marker)) >= 0;
    }

    private static byte[] nulThen(byte[] bytes) {
        byte[] withNul = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNul, 1, bytes.length);
        return withNul;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The session id of a process from {@code /proc/<pid>/stat}, or -1. */
    static long sessionOf(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // pid (comm) state ppid pgrp session ...; comm may hold spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean leadsItsSession(long pid) {
        return sessionOf(pid) == pid;
    }

    /** This JVM and its ancestors: never stopped, whatever they carry. */
    private static Set<Long> ownLineage() {
        Set<Long> lineage = new HashSet<>();
        Optional<ProcessHandle> handle = Optional.of(ProcessHandle.current());
        while (handle.isPresent()) {
            lineage.add(handle.get().pid());
            handle = handle.get().parent();
        }
        return lineage;
    }

    /**
     * Whether a process still runs. A zombie has stopped: an orphan's zombie waits for init to reap it,
     * which in a container may never happen, and it still counts as alive and in its session.
     */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(handle.pid())).resolve("stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !Files.isDirectory(PROC) && handle.isAlive();
        }
    }

    private static void stop(List<ProcessHandle> processes, Duration gracePeriod) {
        if (!gracePeriod.isZero()) {
            processes.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + gracePeriod.toNanos();
            try {
                while (processes.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadline) {
                    Thread.sleep(POLL.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.stream().filter(ProcessTree::running).forEach(ProcessHandle::destroyForcibly);
    }

    /** Remembers k6's descendants while it runs, for systems where nothing else finds them later. */
    private void sample() {
        ProcessHandle root = process.toHandle();
        try {
            while (root.isAlive()) {
                seen.removeIf(handle -> !handle.isAlive());
                root.descendants().forEach(seen::add);
                Thread.sleep(SAMPLING.toMillis());
            }
        } catch (InterruptedException e) {
            // The run is over.
        }
    }
}
