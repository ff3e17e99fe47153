package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIdentityTest {

    private static final Instant STARTED = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path checkout;

    @Test
    void shouldReadAJenkinsPullRequestBuild() {
        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.NONE, Map.of(
                "BRANCH_NAME", "PR-42", "CHANGE_BRANCH", "feature/faster-checkout", "CHANGE_TARGET", "main",
                "GIT_COMMIT", "0123abc", "BUILD_TAG", "jenkins-shop-PR-42-7",
                "BUILD_URL", "https://ci.example.org/job/shop/job/PR-42/7/"), checkout, STARTED);

        assertThat(identity).isEqualTo(new RunIdentity("feature/faster-checkout", "main", Optional.of("0123abc"),
                "jenkins-shop-PR-42-7", Optional.of("https://ci.example.org/job/shop/job/PR-42/7/")));
        assertThat(identity.isChangeRequest()).isTrue();
    }

    @Test
    void shouldReadAJenkinsFreestyleBuildWhoseBranchHasTheRemotesName() {
        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.NONE,
                Map.of("GIT_BRANCH", "origin/main", "BUILD_TAG", "jenkins-shop-12"), checkout, STARTED);

        assertThat(identity.branch()).isEqualTo("main");
        assertThat(identity.baselineBranch()).isEqualTo("main");
        assertThat(identity.isChangeRequest()).isFalse();
    }

    @Test
    void shouldReadAGithubActionsPullRequestWithARunIdThatSurvivesReruns() {
        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.NONE, Map.of(
                "GITHUB_HEAD_REF", "feature/x", "GITHUB_BASE_REF", "main", "GITHUB_REF_NAME", "17/merge",
                "GITHUB_SHA", "fff000", "GITHUB_RUN_ID", "9001", "GITHUB_RUN_ATTEMPT", "2",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/shop"), checkout, STARTED);

        assertThat(identity).isEqualTo(new RunIdentity("feature/x", "main", Optional.of("fff000"), "github-9001",
                Optional.of("https://github.com/acme/shop/actions/runs/9001")));
    }

    @Test
    void shouldReadAGitlabMergeRequestPipeline() {
        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.NONE, Map.of(
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "topic", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop",
                "CI_COMMIT_REF_NAME", "topic", "CI_COMMIT_SHA", "abc", "CI_PIPELINE_ID", "555",
                "CI_PIPELINE_URL", "https://gitlab.example.org/shop/-/pipelines/555"), checkout, STARTED);

        assertThat(identity).isEqualTo(new RunIdentity("topic", "develop", Optional.of("abc"), "gitlab-555",
                Optional.of("https://gitlab.example.org/shop/-/pipelines/555")));
    }

    @Test
    void shouldLetExplicitValuesWinOverTheEnvironment() {
        RunIdentity identity = RunIdentity.resolve(
                IdentityOverrides.of("release/2.0", "release/1.9", null, "nightly-3", null),
                Map.of("BRANCH_NAME", "main", "BUILD_TAG", "jenkins-shop-12"), checkout, STARTED);

        assertThat(identity.branch()).isEqualTo("release/2.0");
        assertThat(identity.baselineBranch()).isEqualTo("release/1.9");
        assertThat(identity.runId()).isEqualTo("nightly-3");
    }

    @Test
    void shouldTakeALocalBuildsBranchFromTheCheckoutAndMakeAUniqueRunId() throws IOException {
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/HEAD"), "ref: refs/heads/my-topic\n");
        Path module = Files.createDirectories(checkout.resolve("shop/service"));

        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.NONE, Map.of(), module, STARTED);

        assertThat(identity).isEqualTo(new RunIdentity("my-topic", "my-topic", Optional.empty(),
                "local-2026-11-23T12:00:00Z", Optional.empty()));
    }

    @Test
    void shouldNameTheBranchUnknownForADetachedHeadOutsideCi() throws IOException {
        Files.createDirectories(checkout.resolve(".git"));
        Files.writeString(checkout.resolve(".git/HEAD"), "0123456789abcdef0123456789abcdef01234567\n");

        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.of("  ", null, null, null, null), Map.of(), checkout, STARTED);

        assertThat(identity.branch()).isEqualTo(RunIdentity.UNKNOWN_BRANCH);
    }

    @Test
    void shouldFollowTheGitFileOfALinkedWorktreeOrSubmodule() throws IOException {
        Path worktree = checkout.resolve("worktrees/feature");
        Path gitFolder = checkout.resolve("main/.git/worktrees/feature");
        Files.createDirectories(worktree);
        Files.createDirectories(gitFolder);
        Files.writeString(gitFolder.resolve("HEAD"), "ref: refs/heads/feature/faster-search\n");
        Files.writeString(worktree.resolve(".git"), "gitdir: ../../main/.git/worktrees/feature\n");

        RunIdentity identity = RunIdentity.resolve(IdentityOverrides.NONE, Map.of(), worktree.resolve("module"),
                STARTED);

        assertThat(identity.branch()).isEqualTo("feature/faster-search");
    }
}
