package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryPathsTest {

    @TempDir
    Path checkout;

    @Test
    void shouldNameAFileBelowTheRootWithSlashes() {
        Path budget = checkout.resolve("services").resolve("shop").resolve("perf-budget.yaml");

        assertThat(RepositoryPaths.relative(budget, checkout.toString())).contains("services/shop/perf-budget.yaml");
        assertThat(RepositoryPaths.relative(checkout.resolve("services/../perf-budget.yaml"), checkout + "/"))
                .contains("perf-budget.yaml");
    }

    @Test
    void shouldNameNothingOutsideTheRootOrWithoutOne() {
        Path budget = checkout.resolve("perf-budget.yaml");

        assertThat(RepositoryPaths.relative(budget, checkout.resolve("other").toString())).isEmpty();
        assertThat(RepositoryPaths.relative(checkout, checkout.toString())).isEmpty();
        assertThat(RepositoryPaths.relative(budget, null)).isEmpty();
        assertThat(RepositoryPaths.relative(budget, " ")).isEmpty();
    }
}
