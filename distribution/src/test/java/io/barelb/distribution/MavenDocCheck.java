package io.barelb.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A doc's {@code mvn} command against the repository: every {@code -pl} module and {@code -f} project exists;
 * every test class {@code -Dtest=} or {@code -Dit.test=} names is a test of those projects (the cwd's project, or
 * any, without {@code -pl}), except the names the docs use to match nothing ({@link #NO_MATCH}); every
 * {@code -Dbarelb.*} property is read by a source of those projects or the repository modules they depend on;
 * every other property is a Maven plugin's the docs use ({@link #PLUGIN_PROPERTIES}) or one the projects' or the
 * root's {@code pom.xml} holds; every goal is one of {@link #GOALS}; and {@code verify} or {@code install} with
 * {@code -am} names its integration tests ({@code -Dit.test}), as without it Failsafe runs every IT of every module
 * the projects depend on (network labs, minutes, root).
 */
final class MavenDocCheck {

    /** The class names the docs give {@code -Dtest}/{@code -Dit.test} so that no test of that plugin runs. */
    static final Set<String> NO_MATCH = Set.of("NoSuchTest", "NONE", "NoSuch");
    private static final Set<String> PLUGIN_PROPERTIES = Set.of("skipTests", "surefire.failIfNoSpecifiedTests",
            "failsafe.failIfNoSpecifiedTests", "mdep.outputFile", "mdep.includeScope");
    private static final Set<String> GOALS = Set.of("compile", "test-compile", "test", "package", "verify", "install",
            "dependency:build-classpath");
    private static final Set<String> FLAGS = Set.of("-B", "-o", "-q", "-am", "-e");

    private final RepositorySources sources;

    MavenDocCheck(RepositorySources sources) {
        this.sources = sources;
    }

    /** The problems of {@code mvn ARGS} run in {@code folder}; empty when it holds. */
    List<String> problems(List<String> args, Path folder) {
        List<String> problems = new ArrayList<>();
        List<Path> projects = new ArrayList<>();
        List<String[]> properties = new ArrayList<>();
        Path base = folder;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-pl") || arg.equals("-f")) {
                String value = i + 1 < args.size() ? args.get(++i) : "";
                for (String module : value.split(",")) {
                    Optional<Path> project = sources.project(base.resolve(module));
                    if (project.isEmpty()) {
                        problems.add("mvn " + arg + " " + module + ": no such Maven project");
                    } else {
                        projects.add(project.get());
                    }
                }
            } else if (arg.startsWith("-D")) {
                int equals = arg.indexOf('=');
                properties.add(new String[] {arg.substring(2, equals < 0 ? arg.length() : equals),
                        equals < 0 ? "" : arg.substring(equals + 1)});
            } else if (arg.startsWith("-")) {
                if (!FLAGS.contains(arg)) {
                    problems.add("mvn " + arg + ": an option MavenDocCheck does not know; add it to FLAGS if it is right");
                }
            } else if (!GOALS.contains(arg)) {
                problems.add("mvn " + arg + ": not a goal the docs use (" + String.join(", ", GOALS) + ")");
            }
        }
        boolean integration = args.contains("verify") || args.contains("install");
        if (integration && args.contains("-am") && args.stream().noneMatch(a -> a.startsWith("-Dit.test="))) {
            problems.add("mvn " + (args.contains("verify") ? "verify" : "install") + " -am without -Dit.test: runs "
                    + "every integration test of the modules it builds; name them, or use test");
        }
        if (projects.isEmpty()) {
            projects.addAll(sources.project(base).filter(p -> !p.equals(sources.repository())).map(List::of)
                    .orElseGet(sources::projects));
        }
        for (String[] property : properties) {
            problems.addAll(property(property[0], property[1], projects));
        }
        return problems;
    }

    private List<String> property(String name, String value, List<Path> projects) {
        if (name.equals("test") || name.equals("it.test")) {
            List<String> missing = new ArrayList<>();
            for (String test : value.split(",")) {
                String simpleName = test.replaceFirst("#.*", "");
                if (!NO_MATCH.contains(simpleName)
                        && projects.stream().noneMatch(p -> sources.testClass(p, simpleName).isPresent())) {
                    missing.add("mvn -D" + name + "=" + test + ": no test class " + simpleName + " in "
                            + names(projects));
                }
            }
            return missing;
        }
        List<Path> readers = projects.stream().flatMap(p -> sources.withDependencies(p).stream()).distinct().toList();
        if (name.startsWith("barelb.")) {
            return sources.anySourceHolds(readers, "\"" + name + "\"") ? List.of()
                    : List.of("mvn -D" + name + ": no source of " + names(readers) + " reads it");
        }
        boolean inPom = PLUGIN_PROPERTIES.contains(name) || projects.stream().anyMatch(p -> pomHolds(p, name))
                || pomHolds(sources.repository(), name);
        return inPom ? List.of() : List.of("mvn -D" + name + ": neither a plugin property the docs use nor one a "
                + "pom.xml of " + names(projects) + " or the root's holds");
    }

    private boolean pomHolds(Path project, String property) {
        String pom = sources.text(project.resolve("pom.xml"));
        return pom.contains("${" + property + "}") || pom.contains("<" + property + ">");
    }

    private String names(List<Path> projects) {
        return projects.stream().map(p -> sources.repository().relativize(p).toString()).toList().toString();
    }
}
