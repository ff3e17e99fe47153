package io.perfgate.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A build that runs the k6 stand-in in a process of its own, for {@link K6FaultTest}: started with a
 * small heap, it shows what passing k6's output on needs. Prints {@code outcome <outcome> exit <code>},
 * {@code lines <count>} and {@code longest <length> <its last 60 characters>}.
 * Arguments: the stand-in, the working folder (holding checkout.js), the output folder, then NAME=value
 * pairs for the stand-in's environment.
 */
public final class RunK6InAnotherProcess {

    private RunK6InAnotherProcess() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = new java.util.TreeMap<>();
        for (int i = 3; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            environment.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        AtomicInteger lines = new AtomicInteger();
        AtomicReference<String> longest = new AtomicReference<>("");
        K6Options options = K6Options.builder(Path.of(args[2])).executable(args[0]).workingDirectory(Path.of(args[1]))
                .environment(environment).build();
        K6RunResult result = new K6Runner(options, line -> {
            lines.incrementAndGet();
            if (line.length() > longest.get().length()) {
                longest.set(line);
            }
        }, line -> { }).run(Path.of("checkout.js")).get(0);
        String line = longest.get();
        System.out.println("outcome " + result.outcome() + " exit " + result.record().exitCode());
        System.out.println("lines " + lines.get());
        System.out.println("longest " + line.length() + " " + line.substring(Math.max(0, line.length() - 60)));
    }
}
