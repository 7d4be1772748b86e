package io.barelb.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A doc's {@code lb-runtime/bench.sh ARGS} against the repository: the script is there; a first argument the script
 * tests for ({@code [ "${1:-}" = MODE ]}) is its mode, and the rest are that mode's numbers and folders; otherwise
 * the arguments are JMH's: every option is one of {@link #VALUED} or {@link #FLAGS}, every benchmark pattern
 * ({@code A|B} alternatives) names a class with {@code @Benchmark} methods among the test sources of the script's
 * project, and every {@code -p NAME=VALUE} names a {@code @Param} field of one of those benchmarks.
 */
final class BenchDocCheck {

    private static final Set<String> VALUED = Set.of("-f", "-wi", "-w", "-i", "-r", "-p", "-prof", "-t", "-bm",
            "-tu", "-rf", "-rff", "-o", "-jvmArgs", "-jvmArgsAppend");
    private static final Set<String> FLAGS = Set.of("-foe", "-gc", "-v");
    private static final Pattern PARAM = Pattern.compile("@Param\\([^)]*\\)\\s*(?:public\\s+|protected\\s+|private\\s+)?"
            + "[\\w<>\\[\\]]+\\s+(\\w+)\\s*;");

    private final RepositorySources sources;

    BenchDocCheck(RepositorySources sources) {
        this.sources = sources;
    }

    /** The problems of {@code script ARGS}; empty when it holds. */
    List<String> problems(Path script, List<String> args) {
        if (!Files.isRegularFile(script)) {
            return List.of(script.getFileName() + ": no such script at " + sources.repository().relativize(script));
        }
        String text = sources.text(script);
        if (!args.isEmpty() && !args.get(0).startsWith("-") && text.contains("= " + args.get(0) + " ]")) {
            return args.stream().skip(1).filter(a -> !a.matches("\\d+|/[\\w/.-]+"))
                    .map(a -> "bench.sh " + args.get(0) + " " + a + ": a mode's arguments are numbers and folders")
                    .toList();
        }
        List<String> problems = new ArrayList<>();
        List<String> params = new ArrayList<>();
        List<String> benchmarks = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (VALUED.contains(arg)) {
                String value = i + 1 < args.size() ? args.get(++i) : "";
                if (arg.equals("-p")) {
                    params.add(value.replaceFirst("=.*", ""));
                }
            } else if (arg.startsWith("-")) {
                if (!FLAGS.contains(arg)) {
                    problems.add("bench.sh " + arg + ": a JMH option BenchDocCheck does not know");
                }
            } else {
                benchmarks.addAll(List.of(arg.split("\\|")));
            }
        }
        if (benchmarks.isEmpty()) {
            problems.add("bench.sh " + String.join(" ", args) + ": neither a mode of the script nor a JMH benchmark");
        }
        Path project = sources.projectOf(script);
        List<String> fields = new ArrayList<>();
        for (String benchmark : benchmarks) {
            var source = sources.testClass(project, benchmark);
            if (source.isEmpty() || !sources.text(source.get()).contains("@Benchmark")) {
                problems.add("bench.sh " + benchmark + ": no JMH benchmark class " + benchmark + " in "
                        + sources.repository().relativize(project) + "'s tests");
                continue;
            }
            Matcher param = PARAM.matcher(sources.text(source.get()));
            while (param.find()) {
                fields.add(param.group(1));
            }
        }
        params.stream().filter(p -> !fields.contains(p)).forEach(p -> problems.add("bench.sh -p " + p
                + ": no @Param field " + p + " in " + String.join(", ", benchmarks)));
        return problems;
    }
}
