package io.perfgate.run;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One k6 release for one platform, and where its files are, in the layout of k6's release downloads
 * (k6's {@code build-release.sh} and its release workflow):
 * <pre>
 * &lt;base&gt;/v0.48.0/k6-v0.48.0-linux-amd64.tar.gz    holding k6-v0.48.0-linux-amd64/k6
 * &lt;base&gt;/v0.48.0/k6-v0.48.0-macos-arm64.zip       holding k6-v0.48.0-macos-arm64/k6
 * &lt;base&gt;/v0.48.0/k6-v0.48.0-windows-amd64.zip     holding k6-v0.48.0-windows-amd64/k6.exe
 * &lt;base&gt;/v0.48.0/k6-v0.48.0-checksums.txt         sha256sum of every file of the release
 * </pre>
 *
 * @param version  the release without its {@code v}, e.g. {@code 0.48.0}
 * @param platform the operating system and architecture of the build
 */
public record K6Release(String version, Platform platform) {

    /** Where k6 publishes its releases. */
    public static final String DEFAULT_DOWNLOAD_URL = "https://github.com/grafana/k6/releases/download";

    /** Semantic versions, with a pre-release or build suffix; nothing that could leave a folder. */
    private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?");

    public K6Release {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(platform, "platform");
        if (!VERSION.matcher(version).matches() || version.contains("..")) {
            throw new IllegalArgumentException("'" + version + "' is not a k6 version: give one such as 0.48.0 or 1.4.0");
        }
    }

    /**
     * A version as a user writes it, {@code 0.48.0} or {@code v0.48.0}, without the {@code v}.
     *
     * @throws IllegalArgumentException when it is not a version
     */
    public static String version(String text) {
        String stripped = text.strip();
        String version = stripped.startsWith("v") || stripped.startsWith("V") ? stripped.substring(1) : stripped;
        if (!VERSION.matcher(version).matches() || version.contains("..")) {
            throw new IllegalArgumentException("'" + text + "' is not a k6 version: give one such as 0.48.0 or 1.4.0");
        }
        return version;
    }

    /** The release's tag, {@code v0.48.0}. */
    public String tag() {
        return "v" + version;
    }

    /** The archive's folder, and the name of the archive without its extension: {@code k6-v0.48.0-linux-amd64}. */
    public String folderName() {
        return "k6-" + tag() + "-" + platform.id();
    }

    /** {@code k6-v0.48.0-linux-amd64.tar.gz}, or {@code .zip} for macOS and Windows. */
    public String archiveName() {
        return folderName() + (platform.zip() ? ".zip" : ".tar.gz");
    }

    /** The archive entry of the binary: {@code k6-v0.48.0-linux-amd64/k6}. */
    public String binaryEntry() {
        return folderName() + "/" + platform.binaryName();
    }

    /** {@code k6-v0.48.0-checksums.txt}. */
    public String checksumsName() {
        return "k6-" + tag() + "-checksums.txt";
    }

    public URI archiveUri(URI base) {
        return file(base, archiveName());
    }

    public URI checksumsUri(URI base) {
        return file(base, checksumsName());
    }

    private URI file(URI base, String name) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + tag() + "/" + name);
    }

    /**
     * An operating system and architecture k6 is built for: linux, macos and windows on amd64 and arm64
     * (k6 publishes no windows-arm64 build; its checksums file says which builds a release has).
     *
     * @param os   {@code linux}, {@code macos} or {@code windows}, as k6 names its builds
     * @param arch {@code amd64} or {@code arm64}
     */
    public record Platform(String os, String arch) {

        public Platform {
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(arch, "arch");
        }

        /** The platform this JVM runs on, if k6 is built for such a platform at all. */
        public static Optional<Platform> current() {
            return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        }

        /** From Java's {@code os.name} and {@code os.arch}. */
        public static Optional<Platform> of(String osName, String osArch) {
            String name = osName.toLowerCase(Locale.ROOT);
            String os = name.startsWith("linux") ? "linux"
                    : name.startsWith("mac") || name.startsWith("darwin") ? "macos"
                    : name.startsWith("windows") ? "windows"
                    : null;
            String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64", "x86-64" -> "amd64";
                case "aarch64", "arm64" -> "arm64";
                default -> null;
            };
            return os == null || arch == null ? Optional.empty() : Optional.of(new Platform(os, arch));
        }

        /** {@code linux-amd64}. */
        public String id() {
            return os + "-" + arch;
        }

        /** {@code k6.exe} on Windows, {@code k6} elsewhere. */
        public String binaryName() {
            return os.equals("windows") ? "k6.exe" : "k6";
        }

        /** k6 packs its macOS and Windows builds as zip, its Linux builds as tar.gz. */
        public boolean zip() {
            return !os.equals("linux");
        }
    }
}
