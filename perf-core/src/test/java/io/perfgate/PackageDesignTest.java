package io.perfgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the package picture of perf-core, so the code and the picture cannot drift:
 *
 * <pre>
 * gate ──▶ summary, run, database, history, report, model, regression, budget, ingest, stats, diag, postgres
 * summary ──▶ run, budget, ingest, stats, diag
 * publish ──▶ report, model, regression, budget, stats, diag
 * report ──▶ model, budget, ingest, regression, stats, diag
 * database ──▶ model, budget, stats, diag, postgres
 * history ──▶ model, regression, stats, diag, postgres
 * model ──▶ budget, ingest, regression, stats, diag
 * budget ──▶ regression, stats, diag
 * ingest, regression ──▶ stats, diag
 * stats ──▶ diag
 * run, postgres ──▶ diag
 * </pre>
 *
 * Each arrow points at what a package may use; nothing uses {@code gate} or {@code publish} (CI adapters
 * do), and the library knows nothing of Maven or Jenkins.
 */
class PackageDesignTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // Not Predefined.DO_NOT_INCLUDE_TESTS: it knows only target/test-classes, not other build folders.
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("io.perfgate");
    }

    @Test
    void shouldKeepThePackagePicture() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("gate").definedBy("io.perfgate.gate..")
                .layer("publish").definedBy("io.perfgate.publish..")
                .layer("summary").definedBy("io.perfgate.summary..")
                .layer("run").definedBy("io.perfgate.run..")
                .layer("report").definedBy("io.perfgate.report..")
                .layer("model").definedBy("io.perfgate.model..")
                .layer("budget").definedBy("io.perfgate.budget..")
                .layer("ingest").definedBy("io.perfgate.ingest..")
                .layer("regression").definedBy("io.perfgate.regression..")
                .layer("history").definedBy("io.perfgate.history..")
                .optionalLayer("database").definedBy("io.perfgate.database..")
                .optionalLayer("postgres").definedBy("io.perfgate.postgres..")
                .layer("stats").definedBy("io.perfgate.stats..")
                .layer("diag").definedBy("io.perfgate.diag..")
                .whereLayer("gate").mayNotBeAccessedByAnyLayer()
                .whereLayer("publish").mayNotBeAccessedByAnyLayer()
                .whereLayer("summary").mayOnlyBeAccessedByLayers("gate")
                .whereLayer("run").mayOnlyBeAccessedByLayers("gate", "summary")
                .whereLayer("report").mayOnlyBeAccessedByLayers("gate", "publish")
                .whereLayer("model").mayOnlyBeAccessedByLayers("report", "history", "database", "gate", "publish")
                .whereLayer("budget").mayOnlyBeAccessedByLayers("model", "report", "database", "gate", "publish")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("model", "report", "summary", "gate")
                .whereLayer("regression").mayOnlyBeAccessedByLayers("budget", "model", "report", "history", "gate",
                        "publish")
                .whereLayer("history").mayOnlyBeAccessedByLayers("gate")
                .whereLayer("database").mayOnlyBeAccessedByLayers("gate")
                .whereLayer("postgres").mayOnlyBeAccessedByLayers("history", "database", "gate")
                .whereLayer("stats").mayOnlyBeAccessedByLayers("budget", "ingest", "regression", "history", "model",
                        "report", "database", "summary", "gate", "publish")
                .check(classes);
    }

    @Test
    void shouldHaveNoPackageCycles() {
        slices().matching("io.perfgate.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldKnowNothingOfBuildTools() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.maven..", "hudson..", "jenkins..", "org.slf4j..")
                .check(classes);
    }
}
