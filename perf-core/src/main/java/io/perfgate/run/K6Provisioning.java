package io.perfgate.run;

import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Provides the k6 binary of one release: from the cache when an earlier build installed it, else
 * downloaded from k6's release downloads for this platform, its SHA-256 checked against the release's
 * checksums file before anything is unpacked. Only the k6 binary leaves the archive, and only into
 * {@code <cache>/<version>/<k6-vX-os-arch>/k6}, by an atomic rename once it is complete and executable,
 * so a broken or tampered download is never run. Builds that install the same version at once, in one
 * JVM or several, take turns on a lock of the version's folder: one downloads, the others use its copy.
 */
public final class K6Provisioning {

    /** The cache's default place below the user's home: {@code ~/.perfgate/k6}. */
    public static final String DEFAULT_CACHE = ".perfgate/k6";

    /** Larger archives or binaries are refused: k6's are some 30 to 60 MB. */
    public static final long MAX_ARCHIVE_BYTES = 512L << 20;
    static final long MAX_BINARY_BYTES = 1L << 30;
    /** All a tar.gz may unpack to, skipped entries included: a small archive must not unpack forever. */
    static final long MAX_UNPACKED_BYTES = 2L << 30;
    private static final int MAX_CHECKSUMS_BYTES = 1 << 20;

    /** How long a build waits for another that is installing the same version. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(10);
    private static final Duration LOCK_POLL = Duration.ofMillis(200);

    private static final String LOCK_FILE = ".lock";
    private static final String PART_SUFFIX = ".part";
    private static final String INSTALL_HINT = "https://grafana.com/docs/k6/latest/set-up/install-k6/";
    private static final Pattern CHECKSUM_LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+\\*?(\\S.*)");
    private static final long PROGRESS_STEP_UNKNOWN_LENGTH = 16L << 20;

    /** File locks belong to the whole JVM: threads of one JVM take turns here first. */
    private static final ConcurrentMap<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path cache;
    private final URI downloadUrl;
    private final boolean offline;
    private final K6Downloads downloads;
    private final Consumer<String> log;
    private final OptionSpelling spelling;
    private long maxArchiveBytes = MAX_ARCHIVE_BYTES;
    private long maxBinaryBytes = MAX_BINARY_BYTES;
    private long maxUnpackedBytes = MAX_UNPACKED_BYTES;

    /**
     * @param cache       the folder that keeps one folder per installed version
     * @param downloadUrl the base of k6's release downloads, {@link K6Release#DEFAULT_DOWNLOAD_URL}
     * @param offline     whether only the cache may be used
     * @param downloads   fetches the release's files
     * @param log         sees what is done: the cache used, the download's progress
     * @param spelling    how the adapter spells options in messages
     */
    public K6Provisioning(Path cache, URI downloadUrl, boolean offline, K6Downloads downloads, Consumer<String> log,
            OptionSpelling spelling) {
        this.cache = Objects.requireNonNull(cache, "cache").toAbsolutePath().normalize();
        this.downloadUrl = Objects.requireNonNull(downloadUrl, "downloadUrl");
        this.offline = offline;
        this.downloads = Objects.requireNonNull(downloads, "downloads");
        this.log = Objects.requireNonNull(log, "log");
        this.spelling = Objects.requireNonNull(spelling, "spelling");
    }

    /** Other bounds than the defaults, for tests. */
    K6Provisioning limits(long archiveBytes, long binaryBytes, long unpackedBytes) {
        this.maxArchiveBytes = archiveBytes;
        this.maxBinaryBytes = binaryBytes;
        this.maxUnpackedBytes = unpackedBytes;
        return this;
    }

    /** The default cache of a user: {@code <home>/.perfgate/k6}. */
    public static Path defaultCache(Path home) {
        return home.resolve(DEFAULT_CACHE);
    }

    /**
     * The k6 binary of a release for the platform this JVM runs on.
     *
     * @param version as the user wrote it, {@code 0.48.0} or {@code v0.48.0}
     * @throws IllegalArgumentException when it is not a version
     * @throws K6RunException           saying what the user can do when k6 cannot be provided
     */
    public Path provide(String version) {
        return provide(version, K6Release.Platform.current(), System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
    }

    /**
     * @param platform    the platform to install for; empty when k6 is not built for this one
     * @param description the platform as its user knows it, for messages
     */
    Path provide(String version, Optional<K6Release.Platform> platform, String description) {
        String bare = K6Release.version(version);
        if (platform.isEmpty()) {
            throw new K6RunException("k6 is not built for this platform (" + description + "): k6 publishes builds "
                    + "for linux, macos and windows on amd64 and arm64, so " + spelling.spell(Option.K6_VERSION)
                    + " cannot be used here. " + installSentence());
        }
        K6Release release = new K6Release(bare, platform.get());
        Path binary = binary(release);
        if (Files.isRegularFile(binary)) {
            log.accept("Using k6 " + release.tag() + " (" + release.platform().id() + ") from " + binary);
            return binary;
        }
        if (offline) {
            throw new K6RunException("k6 " + release.tag() + " is not in the cache (" + binary + " is missing) and "
                    + "the build runs offline, so it cannot be downloaded from " + release.archiveUri(downloadUrl)
                    + ". Run the build once online, or " + installHint());
        }
        Path folder = cache.resolve(bare);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new K6RunException("could not create the k6 cache folder " + folder + ": " + e
                    + ". Set " + spelling.spell(Option.K6_CACHE) + " to a folder this build may write, or "
                    + installHint(), e);
        }
        synchronized (JVM_LOCKS.computeIfAbsent(realPath(folder), key -> new Object())) {
            try (FileChannel channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = lock(channel, release, folder);
                try {
                    if (Files.isRegularFile(binary)) {
                        log.accept("Using k6 " + release.tag() + " (" + release.platform().id() + ") from " + binary
                                + ", installed by another build meanwhile");
                        return binary;
                    }
                    deleteLeftovers(folder);
                    return install(release, folder, binary);
                } finally {
                    lock.release();
                }
            } catch (IOException e) {
                throw new K6RunException("could not lock the k6 cache folder " + folder + ": " + e + ". Set "
                        + spelling.spell(Option.K6_CACHE) + " to a folder this build may write, or " + installHint(), e);
            }
        }
    }

    /** The folder as the file system knows it, so two spellings of one folder share one lock. */
    private static Path realPath(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    /** Where a release's binary lives in the cache. */
    public Path binary(K6Release release) {
        return cache.resolve(release.version()).resolve(release.folderName()).resolve(release.platform().binaryName());
    }

    private FileLock lock(FileChannel channel, K6Release release, Path folder) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock != null) {
            return lock;
        }
        log.accept("Waiting for another build that is installing k6 " + release.tag() + " into " + folder);
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(LOCK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new K6RunException("interrupted while waiting for another build installing k6 into " + folder, e);
            }
            lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        }
        throw new K6RunException("another build has been installing k6 " + release.tag() + " into " + folder
                + " for " + LOCK_WAIT.toMinutes() + " minutes; it may hang. Stop it, or " + installHint());
    }

    /** Partial downloads of builds that were stopped; no one else installs while the lock is held. */
    private static void deleteLeftovers(Path folder) throws IOException {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(folder, "*" + PART_SUFFIX)) {
            for (Path part : parts) {
                Files.deleteIfExists(part);
            }
        }
    }

    private Path install(K6Release release, Path folder, Path binary) {
        URI checksumsUri = release.checksumsUri(downloadUrl);
        URI archiveUri = release.archiveUri(downloadUrl);
        Map<String, String> checksums = checksums(release, checksumsUri);
        String expected = checksums.get(release.archiveName());
        if (expected == null) {
            List<String> builds = builds(release, checksums);
            throw new K6RunException("k6 " + release.tag() + " has no build for this platform ("
                    + release.platform().id() + "): its checksums file " + checksumsUri + " lists no "
                    + release.archiveName() + (builds.isEmpty() ? "" : "; it has builds for " + String.join(", ", builds))
                    + ". " + installSentence());
        }
        Path archive = null;
        try {
            archive = Files.createTempFile(folder, release.archiveName() + "-", PART_SUFFIX);
            String actual = download(release, archiveUri, archive);
            if (!actual.equalsIgnoreCase(expected)) {
                throw new K6RunException("the download of " + archiveUri + " is corrupt: its SHA-256 is " + actual
                        + ", but the release's checksums file " + checksumsUri + " gives " + expected
                        + ". Nothing was installed. Run the build again; if this persists, something between this "
                        + "machine and " + archiveUri.getHost() + " changes the download (a proxy?), or "
                        + installHint());
            }
            unpack(release, archive, archiveUri, folder, binary);
            log.accept("Installed k6 " + release.tag() + " (" + release.platform().id() + ") into " + binary);
            return binary;
        } catch (IOException e) {
            throw new K6RunException("could not install k6 " + release.tag() + " into " + folder + ": " + e + ". "
                    + installSentence(), e);
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException e) {
                    log.accept("Could not delete the downloaded archive " + archive + ": " + e);
                }
            }
        }
    }

    /** The release's checksums by file name. */
    private Map<String, String> checksums(K6Release release, URI uri) {
        byte[] body;
        try (K6Downloads.Response response = downloads.open(uri)) {
            if (response.status() == 404) {
                throw new K6RunException("there is no k6 release " + release.tag() + ": " + uri + " answered HTTP 404 "
                        + "(not found). Check " + spelling.spell(Option.K6_VERSION) + " against the releases at "
                        + "https://github.com/grafana/k6/releases" + (downloadUrl.toString().equals(
                                K6Release.DEFAULT_DOWNLOAD_URL) ? "" : " and " + spelling.spell(Option.K6_DOWNLOAD_URL)
                                + " (" + downloadUrl + ")") + ".");
            }
            requireOk(release, uri, response);
            body = response.body().readNBytes(MAX_CHECKSUMS_BYTES + 1);
        } catch (IOException e) {
            throw unreachable(release, uri, e);
        }
        if (body.length > MAX_CHECKSUMS_BYTES) {
            throw new K6RunException("the checksums file " + uri + " of k6 " + release.tag() + " is larger than "
                    + MAX_CHECKSUMS_BYTES + " bytes, so it is not one. Check " + spelling.spell(Option.K6_DOWNLOAD_URL)
                    + ", or " + installHint());
        }
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\\R")) {
            Matcher matcher = CHECKSUM_LINE.matcher(line.strip());
            if (matcher.matches()) {
                sums.put(matcher.group(2).strip(), matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return sums;
    }

    /** The platforms a release has archives for, e.g. {@code linux-amd64}. */
    private static List<String> builds(K6Release release, Map<String, String> checksums) {
        String prefix = "k6-" + release.tag() + "-";
        List<String> builds = new ArrayList<>();
        for (String name : checksums.keySet()) {
            if (name.startsWith(prefix) && (name.endsWith(".tar.gz") || name.endsWith(".zip"))) {
                builds.add(name.substring(prefix.length(), name.length() - (name.endsWith(".zip") ? 4 : 7)));
            }
        }
        return builds;
    }

    /** Downloads into {@code target}; returns the SHA-256 of what arrived. */
    private String download(K6Release release, URI uri, Path target) {
        MessageDigest digest = sha256();
        long received = 0;
        OptionalLong length = OptionalLong.empty();
        long started = System.nanoTime();
        try (K6Downloads.Response response = downloads.open(uri)) {
            if (response.status() == 404) {
                throw new K6RunException("k6 " + release.tag() + " has no build for this platform ("
                        + release.platform().id() + "): " + uri + " answered HTTP 404 (not found). " + installSentence());
            }
            requireOk(release, uri, response);
            length = response.contentLength();
            if (length.isPresent() && length.getAsLong() > maxArchiveBytes) {
                throw tooLarge(uri, length.getAsLong());
            }
            log.accept("Downloading k6 " + release.tag() + " (" + release.platform().id() + ") from " + uri
                    + (length.isPresent() ? ", " + megabytes(length.getAsLong()) : ""));
            Progress progress = new Progress(release, length);
            try (InputStream in = new DigestInputStream(response.body(), digest);
                    OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 << 10];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    received += read;
                    if (received > maxArchiveBytes) {
                        throw tooLarge(uri, received);
                    }
                    progress.update(received);
                }
            }
            if (length.isPresent() && received != length.getAsLong()) {
                throw new IOException("received " + received + " of " + length.getAsLong() + " bytes");
            }
        } catch (IOException e) {
            if (received > 0 || e instanceof StalledDownloadException) {
                throw new K6RunException("the download of " + uri + " broke off after " + megabytes(received)
                        + (length.isPresent() ? " of " + megabytes(length.getAsLong()) : "") + ": " + e.getMessage()
                        + ". Nothing was installed; run the build again, or " + installHint(), e);
            }
            throw unreachable(release, uri, e);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        log.accept("Downloaded k6 " + release.tag() + ": " + megabytes(received) + " in "
                + String.format(Locale.ROOT, "%.1f", millis / 1000.0) + " s");
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Logs the download's progress: every quarter, or every 16 MB when the length is unknown. */
    private final class Progress {

        private final K6Release release;
        private final OptionalLong length;
        private long next;

        Progress(K6Release release, OptionalLong length) {
            this.release = release;
            this.length = length;
            this.next = step();
        }

        private long step() {
            return length.isPresent() ? Math.max(1, length.getAsLong() / 4) : PROGRESS_STEP_UNKNOWN_LENGTH;
        }

        void update(long received) {
            if (received < next || length.isPresent() && received >= length.getAsLong()) {
                return;
            }
            next = (received / step() + 1) * step();
            log.accept("Downloading k6 " + release.tag() + ": " + megabytes(received)
                    + (length.isPresent() ? " of " + megabytes(length.getAsLong()) + " ("
                    + received * 100 / length.getAsLong() + " %)" : ""));
        }
    }

    private void unpack(K6Release release, Path archive, URI uri, Path folder, Path binary) throws IOException {
        Path part = Files.createTempFile(folder, release.platform().binaryName() + "-", PART_SUFFIX);
        try {
            boolean found = release.platform().zip() ? unzip(release, archive, uri, part) : untar(release, archive, uri, part);
            if (!found) {
                throw new K6RunException("the archive " + uri + " holds no " + release.binaryEntry()
                        + ", so it is not a k6 release archive. Nothing was installed. Check "
                        + spelling.spell(Option.K6_DOWNLOAD_URL) + ", or " + installHint());
            }
            makeExecutable(part);
            Files.createDirectories(binary.getParent());
            Files.move(part, binary, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private boolean untar(K6Release release, Path archive, URI uri, Path target) throws IOException {
        boolean found = false;
        try (InputStream in = new Bounded(new GZIPInputStream(Files.newInputStream(archive), 64 << 10),
                maxUnpackedBytes)) {
            TarReader tar = new TarReader(in);
            TarReader.Entry entry;
            while ((entry = tar.next()) != null) {
                String name = checkedName(entry.name(), uri);
                if (!name.equals(release.binaryEntry())) {
                    if (entry.type() == TarReader.Type.LINK) {
                        throw badArchive(uri, "its entry '" + entry.name() + "' is a link; k6's archives hold none");
                    }
                    continue;
                }
                if (entry.type() != TarReader.Type.FILE) {
                    throw badArchive(uri, "its entry '" + entry.name() + "' is not a plain file");
                }
                if (found) {
                    throw badArchive(uri, "it holds " + release.binaryEntry() + " twice");
                }
                copyBounded(tar.content(), target, uri);
                found = true;
            }
        } catch (IOException e) {
            throw badArchive(uri, "it is damaged: " + e.getMessage());
        }
        return found;
    }

    private boolean unzip(K6Release release, Path archive, URI uri, Path target) throws IOException {
        boolean found = false;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = checkedName(entry.getName(), uri);
                if (!name.equals(release.binaryEntry())) {
                    continue;
                }
                if (entry.isDirectory()) {
                    throw badArchive(uri, "its entry '" + entry.getName() + "' is not a plain file");
                }
                if (found) {
                    throw badArchive(uri, "it holds " + release.binaryEntry() + " twice");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    copyBounded(in, target, uri);
                }
                found = true;
            }
        } catch (IOException e) {
            throw badArchive(uri, "it is damaged: " + e.getMessage());
        }
        return found;
    }

    /**
     * An entry's name without a leading {@code ./}; an archive with a name that leaves its folder (an
     * absolute path, a {@code ..} part) is refused whole, though only the binary's entry is ever written.
     */
    private String checkedName(String name, URI uri) {
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
            throw badArchive(uri, "its entry '" + name + "' is an absolute path");
        }
        for (String part : normalized.split("/")) {
            if (part.equals("..")) {
                throw badArchive(uri, "its entry '" + name + "' leads out of the archive's folder");
            }
        }
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        return normalized;
    }

    private void copyBounded(InputStream in, Path target, URI uri) throws IOException {
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[64 << 10];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                copied += read;
                if (copied > maxBinaryBytes) {
                    throw badArchive(uri, "its k6 binary is larger than " + megabytes(maxBinaryBytes));
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** Ends with an error once more than {@code limit} bytes were read. */
    private static final class Bounded extends java.io.FilterInputStream {

        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) throws IOException {
            read += bytes;
            if (read > limit) {
                throw new IOException("it unpacks to more than " + megabytes(limit));
            }
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!file.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + file + " executable");
        }
    }

    private void requireOk(K6Release release, URI uri, K6Downloads.Response response) {
        if (response.status() != 200) {
            throw new K6RunException("k6 " + release.tag() + " could not be downloaded: " + uri + " answered HTTP "
                    + response.status() + ". " + networkHint());
        }
    }

    private K6RunException unreachable(K6Release release, URI uri, IOException e) {
        if (e instanceof StalledDownloadException) {
            return new K6RunException("k6 " + release.tag() + " could not be downloaded: " + uri + " stopped sending ("
                    + e.getMessage() + "). " + networkHint(), e);
        }
        return new K6RunException("k6 " + release.tag() + " could not be downloaded: " + uri + " is unreachable ("
                + e + "). " + networkHint(), e);
    }

    private K6RunException badArchive(URI uri, String why) {
        return new K6RunException("the k6 archive " + uri + " cannot be used: " + why + ". Nothing was installed. "
                + installSentence());
    }

    private K6RunException tooLarge(URI uri, long bytes) {
        return new K6RunException("the download of " + uri + " is larger than " + megabytes(maxArchiveBytes)
                + " (" + megabytes(bytes) + " so far), so it is not a k6 release archive. Nothing was installed. Check "
                + spelling.spell(Option.K6_DOWNLOAD_URL) + ", or " + installHint());
    }

    private String networkHint() {
        return "Check the network and the proxies in settings.xml, set " + spelling.spell(Option.K6_DOWNLOAD_URL)
                + " to a mirror of k6's releases, or " + installHint();
    }

    private String installSentence() {
        return "Install k6 by hand (" + INSTALL_HINT + ") and point " + spelling.spell(Option.K6_EXECUTABLE)
                + " at it.";
    }

    private String installHint() {
        return "install k6 by hand (" + INSTALL_HINT + ") and point " + spelling.spell(Option.K6_EXECUTABLE)
                + " at it.";
    }

    /** {@code 26.4 MB}; below a megabyte, {@code 1.5 kB}. */
    static String megabytes(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1_000.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
