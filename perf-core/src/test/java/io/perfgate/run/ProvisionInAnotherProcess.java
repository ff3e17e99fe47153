package io.perfgate.run;

import io.perfgate.diag.OptionSpelling;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A second build in a process of its own, for {@link K6ProvisioningTest}: installs k6 for linux-amd64
 * into the cache and prints what it logged, then {@code installed <path>}.
 * Arguments: the cache folder, the base URL of the downloads, the version.
 */
public final class ProvisionInAnotherProcess {

    private ProvisionInAnotherProcess() {
    }

    public static void main(String[] args) {
        K6Provisioning provisioning = new K6Provisioning(Path.of(args[0]), URI.create(args[1]), false,
                new HttpK6Downloads(List.of()), System.out::println, OptionSpelling.KEYS);
        Path k6 = provisioning.provide(args[2], Optional.of(new K6Release.Platform("linux", "amd64")), "Linux amd64");
        System.out.println("installed " + k6);
    }
}
