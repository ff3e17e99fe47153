/**
 * The Maven goals. {@code perf:k6} runs k6 and only writes results; {@code perf:check} reads them
 * and decides, so (as with failsafe) the application can be stopped in {@code post-integration-test}
 * before a broken budget fails the build. Each goal maps its parameters onto perf-core and translates
 * the outcome: a broken budget is a build failure, unusable input or I/O a build error.
 */
package io.perfgate.maven;
