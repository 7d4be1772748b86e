package io.barelb.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the docs' commands of programs other than {@code barelb}, {@code kubectl} and {@code helm} (which
 * {@link DocsCommandsIT} and {@link DocsClusterCommandsIT} run) against the repository, without running them, so
 * that one naming a module, class, property, mode, file or folder that is no more fails a cheap test: {@code mvn}
 * ({@link MavenDocCheck}), {@code java} of a class of ours ({@link JavaDocCheck}), {@code lb-runtime/bench.sh}
 * ({@link BenchDocCheck}), {@code cat} of a result file, {@code cd}, {@code rm}, {@code mkdir} and {@code cp} of a
 * plugin, {@code jfr print} and {@code curl} of a speaker's endpoint. A program with nothing of the repository's to
 * check is in {@link #NOT_STATIC} with the reason; any other program is a problem until it is classified here.
 *
 * <p>The commands of one block run in order from the repository's root (or the block's {@code run in} folder):
 * {@code cd} moves the later ones of the block; a file or folder an earlier command of the page names counts as
 * written (the reader follows the page). A line is
 * split into its simple commands ({@link DocCommands#simpleCommands}); leading {@code NAME=value} assignments and
 * {@code time} are unwrapped, and a {@code $(cat FILE)} anywhere is checked as {@code cat FILE}.
 */
final class DocCommandChecks {

    /** What was found for one doc command: problems (empty: it holds) and what could not be checked, with why. */
    record Finding(DocCommands.Command command, List<String> problems, List<String> unchecked) {
        String where() {
            return command.page() + ":" + command.line() + " `" + command.text() + "`";
        }
    }

    /** Programs nothing of the repository's can check without running them, each with the reason. */
    static final Map<String, String> NOT_STATIC = Map.of(
            "uptime", "prints the machine's load, nothing of the repository's",
            "kubeadm", "sets up a Kubernetes control plane on the reader's machine (kubeadm's own options)",
            "setpriv", "util-linux's privilege options; the barelb command under it is DocsCommandsIT's (not run "
                    + "there: root and the node)",
            "grep", "filters the output of the command before it in the pipeline");

    private static final Pattern CAT = Pattern.compile("\\$\\(cat ([^)\\s]+)\\)");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern URL = Pattern.compile("^(?:https?://)?[\\w.-]+:(\\d+)(/[\\w/.-]*)?$");
    private static final Pattern PLUGIN_FOLDER = Pattern.compile("^\\$BARELB_HOME/plugins/[\\w-]+/?$");
    private static final Pattern BUILT_JAR = Pattern.compile("^target/([\\w.-]+)\\.jar$");

    private final RepositorySources sources;

    DocCommandChecks(RepositorySources sources) {
        this.sources = sources;
    }

    /** True for the commands this class checks: neither barelb's (nor under a wrapper) nor kubectl's nor helm's. */
    static boolean isOther(DocCommands.Command command) {
        return !DocCommands.isBarelb(command.program()) && !command.program().equals("kubectl")
                && !command.program().equals("helm");
    }

    /** Checks {@code commands} (one or more pages' commands, in page order), the other programs' only. */
    List<Finding> check(List<DocCommands.Command> commands) {
        List<Finding> findings = new ArrayList<>();
        Block block = null;
        for (DocCommands.Command command : commands) {
            if (block == null || !block.is(command)) {
                List<String> earlier = block != null && block.page.equals(command.page()) ? block.earlierWords
                        : new ArrayList<>();
                block = new Block(command, sources.repository().resolve(command.runIn() == null ? "." : command.runIn())
                        .normalize(), earlier);
            }
            if (isOther(command)) {
                List<String> problems = new ArrayList<>();
                List<String> unchecked = new ArrayList<>();
                for (List<String> simple : command.simpleCommands()) {
                    check(simple, block, problems, unchecked);
                }
                findings.add(new Finding(command, List.copyOf(problems), List.copyOf(unchecked)));
            }
            block.earlierWords.addAll(command.words());
        }
        return findings;
    }

    /** The state of one block: its folder so far ({@code cd}) and the words of its page's commands so far. */
    private static final class Block {
        final String page;
        final int number;
        Path folder;
        final List<String> earlierWords;

        Block(DocCommands.Command first, Path folder, List<String> earlierWords) {
            this.page = first.page();
            this.number = first.block();
            this.folder = folder;
            this.earlierWords = earlierWords;
        }

        boolean is(DocCommands.Command command) {
            return command.page().equals(page) && command.block() == number;
        }
    }

    private void check(List<String> simple, Block block, List<String> problems, List<String> unchecked) {
        for (String word : simple) {
            Matcher cat = CAT.matcher(word);
            while (cat.find()) {
                catFile(cat.group(1), block, problems);
            }
        }
        int first = 0;
        while (first < simple.size() && (ASSIGNMENT.matcher(simple.get(first)).matches()
                || simple.get(first).equals("time"))) {
            first++;
        }
        if (first == simple.size()) {
            return;
        }
        List<String> words = simple.subList(first, simple.size());
        String program = words.get(0);
        List<String> args = words.subList(1, words.size());
        Path folder = block.folder;
        switch (program) {
            case "mvn" -> problems.addAll(new MavenDocCheck(sources).problems(args, folder));
            case "java" -> problems.addAll(new JavaDocCheck(sources).problems(args, folder));
            case "cat" -> operands(args).forEach(file -> catFile(file, block, problems));
            case "cd" -> {
                Path target = folder.resolve(args.isEmpty() ? "~" : args.get(0)).normalize();
                if (!Files.isDirectory(target)) {
                    problems.add("cd " + String.join(" ", args) + ": no such folder in the repository");
                }
                block.folder = target;
            }
            case "rm" -> operands(args).forEach(path -> {
                Path project = folder.resolve(path).getParent();
                if (project == null || sources.project(project).isEmpty() || !path.endsWith("target")) {
                    problems.add("rm " + path + ": not the build folder (target) of a project of the repository");
                }
            });
            case "mkdir" -> operands(args).stream().filter(p -> !PLUGIN_FOLDER.matcher(p).matches())
                    .forEach(p -> problems.add("mkdir " + p + ": not a plugin folder $BARELB_HOME/plugins/NAME"));
            case "cp" -> copy(operands(args), problems, unchecked);
            case "jfr" -> {
                String file = args.isEmpty() ? "" : args.get(args.size() - 1);
                Path parent = Path.of(file).getParent();
                if (!file.endsWith(".jfr") || !args.get(0).equals("print") || parent == null
                        || block.earlierWords.stream().noneMatch(w -> w.equals(parent.toString()))) {
                    problems.add("jfr " + String.join(" ", args) + ": not `jfr print` of a recording in a folder an "
                            + "earlier command of the page names");
                }
            }
            case "curl" -> operands(args).forEach(url -> endpoint(url, problems));
            default -> {
                if (program.endsWith("bench.sh")) {
                    problems.addAll(new BenchDocCheck(sources).problems(folder.resolve(program).normalize(), args));
                } else if (NOT_STATIC.containsKey(program)) {
                    unchecked.add(program + ": " + NOT_STATIC.get(program));
                } else {
                    problems.add("an unknown program " + program + ": check it in DocCommandChecks, or list it in "
                            + "NOT_STATIC with the reason it cannot be checked");
                }
            }
        }
    }

    private static List<String> operands(List<String> args) {
        return args.stream().filter(a -> !a.startsWith("-")).toList();
    }

    /**
     * A file {@code cat} prints holds: a file of the system that is there ({@code /proc/loadavg}), one an earlier
     * command of the page names, or a file some source of the project it is under (else of any project) writes.
     */
    private void catFile(String file, Block block, List<String> problems) {
        if (file.startsWith("/proc/")) {
            if (!Files.exists(Path.of(file))) {
                problems.add("cat " + file + ": no such file on this system");
            }
            return;
        }
        if (block.earlierWords.stream().anyMatch(w -> w.endsWith("=" + file) || w.equals(file))) {
            return;
        }
        Path path = block.folder.resolve(file).normalize();
        String name = path.getFileName().toString();
        Path project = sources.projectOf(path);
        List<Path> writers = project.equals(sources.repository()) ? sources.projects() : List.of(project);
        boolean pomWrites = sources.text(project.resolve("pom.xml")).contains(name);
        if (!pomWrites && !sources.anySourceHolds(writers, "\"" + name + "\"")) {
            problems.add("cat " + file + ": no source or pom.xml of " + (project.equals(sources.repository())
                    ? "the repository" : sources.repository().relativize(project)) + " writes " + name);
        }
    }

    /** {@code cp} of a plugin: each jar built here ({@code target/artifactId-version.jar}) is a project's artifact. */
    private void copy(List<String> operands, List<String> problems, List<String> unchecked) {
        if (operands.size() < 2 || !PLUGIN_FOLDER.matcher(operands.get(operands.size() - 1)).matches()) {
            problems.add("cp " + String.join(" ", operands) + ": not a copy into a plugin folder $BARELB_HOME/plugins/NAME/");
            return;
        }
        for (String jar : operands.subList(0, operands.size() - 1)) {
            Matcher built = BUILT_JAR.matcher(jar);
            if (!built.matches()) {
                unchecked.add("cp " + jar + ": the reader's own jar");
            } else if (sources.projects().stream().map(sources::artifactStem).noneMatch(built.group(1)::equals)) {
                problems.add("cp " + jar + ": no project of the repository builds " + built.group(1) + ".jar");
            }
        }
    }

    /** {@code curl HOST:PORT/PATH} of a speaker or controller: the runtime serves PATH and PORT is its default. */
    private void endpoint(String url, List<String> problems) {
        Matcher matcher = URL.matcher(url);
        List<Path> runtime = List.of(sources.repository().resolve("lb-runtime"));
        if (!matcher.matches()) {
            problems.add("curl " + url + ": not HOST:PORT/PATH");
        } else if (!sources.anySourceHolds(runtime, matcher.group(1))) {
            problems.add("curl " + url + ": lb-runtime names no port " + matcher.group(1));
        } else if (matcher.group(2) != null && !sources.anySourceHolds(runtime, "\"" + matcher.group(2) + "\"")) {
            problems.add("curl " + url + ": lb-runtime serves no " + matcher.group(2));
        }
    }
}
