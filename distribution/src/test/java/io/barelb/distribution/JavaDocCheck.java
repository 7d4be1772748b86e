package io.barelb.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A doc's {@code java [options] CLASS ARGS} of a class of ours against the repository: the class has a source under
 * some project's {@code src/main/java} or {@code src/test/java} with a {@code main} method; every {@code -Dbarelb.*}
 * property is read by a source of its project or the repository modules that project depends on; every word among
 * the arguments that is not a number is a string literal of the class (its modes: {@code kill}, {@code shared},
 * {@code speaker}, ...); every class path entry that names a folder of the repository ({@code MODULE/target/...})
 * names a project. Entries made of a variable or a substitution ({@code $CP}, {@code $(cat FILE)}) are the
 * assignment's and {@code cat}'s to check.
 */
final class JavaDocCheck {

    private final RepositorySources sources;

    JavaDocCheck(RepositorySources sources) {
        this.sources = sources;
    }

    /** The problems of {@code java ARGS} run in {@code folder}; empty when it holds. */
    List<String> problems(List<String> args, Path folder) {
        List<String> problems = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String arg = args.get(i);
            if (arg.equals("-cp") || arg.equals("-classpath")) {
                classPath(args.get(++i), folder, problems);
            } else if (arg.startsWith("-Dbarelb.")) {
                properties.add(arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length()));
            }
        }
        if (i == args.size()) {
            return List.of("java " + String.join(" ", args) + ": names no main class");
        }
        String mainClass = args.get(i);
        Optional<Path> source = sources.classSource(mainClass);
        if (source.isEmpty()) {
            return List.of("java " + mainClass + ": no such class under any project's src/main/java or src/test/java");
        }
        String text = sources.text(source.get());
        if (!text.contains("static void main(")) {
            problems.add("java " + mainClass + ": the class has no main method");
        }
        for (String word : args.subList(i + 1, args.size())) {
            if (!word.matches("\\d+") && !text.contains("\"" + word + "\"")) {
                problems.add("java " + mainClass + " ... " + word + ": the class never names " + word);
            }
        }
        List<Path> readers = sources.withDependencies(sources.projectOf(source.get()));
        for (String property : properties) {
            if (!sources.anySourceHolds(readers, "\"" + property + "\"")) {
                problems.add("java -D" + property + " " + mainClass + ": no source of "
                        + readers.stream().map(p -> sources.repository().relativize(p).toString()).toList()
                        + " reads it");
            }
        }
        return problems;
    }

    private void classPath(String value, Path folder, List<String> problems) {
        for (String entry : value.split(":")) {
            if (entry.contains("$") || entry.contains(")") || entry.isEmpty()) {
                continue;
            }
            Path project = entry.startsWith("target/") ? folder : folder.resolve(entry.split("/")[0]);
            if (sources.project(project).isEmpty()) {
                problems.add("java -cp ..." + entry + "...: " + entry + " is not in a project of the repository");
            }
        }
    }
}
