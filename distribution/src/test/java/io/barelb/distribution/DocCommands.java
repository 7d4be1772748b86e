package io.barelb.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell commands of the docs: every line of a fenced {@code sh} or {@code bash} block (of a {@code console}
 * block, the lines after a {@code $ } prompt), with its continuation lines joined; for the {@code barelb} ones,
 * whether a test may run them without a cluster, root or a running speaker ({@link #whyNotRun}). A block preceded by
 * {@code <!-- run in: DIR -->} runs in that folder of the repository, others in the distribution folder (where
 * {@code etc/} and {@code manifests/} are); one preceded by {@code <!-- cluster: SCENE -->} runs against the cluster
 * {@code SCENE} names ({@link DocsClusterCommandsIT}); a trailing {@code # exit N} comment is the exit code the
 * page promises, 0 otherwise. Pure.
 */
final class DocCommands {

    /**
     * One command: where it is (page, line, the page's block number from 1), its words (program first), the folder
     * it runs in (null: the distribution's), the exit code promised, the cluster its block names (null: none), and
     * the comment after it (empty: none).
     */
    record Command(String page, int line, int block, List<String> words, String runIn, int expectedExit,
            String cluster, String comment) {
        String text() {
            return String.join(" ", words);
        }

        /** True when it runs the launcher, directly or under a wrapper ({@code setpriv ... bin/barelb}). */
        boolean runsBarelb() {
            return isBarelb(words.get(0)) || WRAPPERS.contains(words.get(0)) && words.stream().anyMatch(DocCommands::isBarelb);
        }

        String program() {
            return words.get(0);
        }

        /** Its simple commands ({@link DocCommands#simpleCommands}). */
        List<List<String>> simpleCommands() {
            return DocCommands.simpleCommands(text());
        }
    }

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern RUN_IN = Pattern.compile("^<!-- run in: (\\S+) -->$");
    private static final Pattern CLUSTER = Pattern.compile("^<!-- cluster: (\\S+) -->$");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "console");
    private static final Pattern EXIT = Pattern.compile("\\bexit (\\d+)\\b");
    /** FILE, FILE..., HOST[:PORT], or anything with "...". */
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9_]*(\\[:[A-Z]+])?(\\.\\.\\.)?|.*\\.\\.\\..*");
    private static final Set<String> SAFE = Set.of("validate", "plugins", "help");
    private static final Set<String> HELP = Set.of("--help", "-h", "--version", "-V");
    /** Commands that run barelb under them ({@code helm install barelb ...} names a release, not the launcher). */
    private static final Set<String> WRAPPERS = Set.of("setpriv", "sudo", "env", "ip", "nsenter");

    private DocCommands() {
    }

    /** The {@code barelb} commands of every {@code *.md} page directly in {@code docs}, pages in name order. */
    static List<Command> barelbInDocs(Path repository) throws IOException {
        return inDocs(repository).stream().filter(Command::runsBarelb).toList();
    }

    /** The commands of every {@code *.md} page directly in {@code docs}, pages in name order. */
    static List<Command> inDocs(Path repository) throws IOException {
        List<Command> all = new ArrayList<>();
        try (Stream<Path> pages = Files.list(repository.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                all.addAll(parse(repository.relativize(page).toString(), Files.readString(page)));
            }
        }
        return all;
    }

    /** The commands of one page's text. */
    static List<Command> parse(String page, String markdown) {
        List<Command> commands = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        List<String> markers = new ArrayList<>();
        int block = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (!lines[i].isBlank()) {
                    if (!lines[i].trim().startsWith("<!--")) {
                        markers.clear();
                    }
                    markers.add(lines[i].trim());
                }
                continue;
            }
            String language = fence.group(1);
            boolean shell = SHELLS.contains(language);
            String dir = marker(markers, RUN_IN);
            String cluster = marker(markers, CLUSTER);
            block += shell ? 1 : 0;
            int j = i + 1;
            for (; j < lines.length && !lines[j].startsWith("```"); j++) {
                if (!shell || language.equals("console") && !lines[j].strip().startsWith("$ ")) {
                    continue;
                }
                int first = j;
                StringBuilder joined = new StringBuilder(lines[j]);
                while (joined.toString().endsWith("\\") && j + 1 < lines.length) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(lines[++j].trim());
                }
                command(page, first + 1, block, joined.toString(), dir, cluster).ifPresent(commands::add);
            }
            i = j;
            markers.clear();
        }
        return commands;
    }

    /** The value of the {@code <!-- ... -->} comment of {@code pattern} among the lines just above a block, or null. */
    private static String marker(List<String> linesAbove, Pattern pattern) {
        return linesAbove.stream().map(pattern::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst()
                .orElse(null);
    }

    private static Optional<Command> command(String page, int line, int block, String text, String dir, String cluster) {
        String body = text.strip();
        if (body.startsWith("$ ")) {
            body = body.substring(2);
        }
        String comment = "";
        Matcher hash = Pattern.compile("\\s#\\s").matcher(body);
        if (hash.find()) {
            comment = body.substring(hash.end());
            body = body.substring(0, hash.start()).strip();
        }
        if (body.isEmpty() || body.startsWith("#")) {
            return Optional.empty();
        }
        List<String> words = List.of(body.split("\\s+"));
        Matcher exit = EXIT.matcher(comment);
        return Optional.of(new Command(page, line, block, words, dir, exit.find() ? Integer.parseInt(exit.group(1)) : 0,
                cluster, comment.strip()));
    }

    /**
     * The simple commands of a shell line, in order: split at the {@code ;}, {@code &&}, {@code ||} and {@code |}
     * outside quotes and {@code $(...)} ({@code 2>&1} is a redirection), each as its words with the quotes removed ({@code "$(cat f):x"} is one word,
     * {@code $(cat f):x}). Redirections stay words ({@code >}, {@code FILE}).
     */
    static List<List<String>> simpleCommands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        int substitution = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean plain = quote == 0 && substitution == 0;
            if (quote != 0 && c == quote && substitution == 0) {
                quote = 0;
                continue;
            }
            if (plain && (c == '\'' || c == '"')) {
                quote = c;
                word = word == null ? new StringBuilder() : word;
                continue;
            }
            if (quote != '\'' && c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                substitution++;
            } else if (substitution > 0 && c == ')') {
                substitution--;
            }
            boolean redirection = c == '&' && i > 0 && line.charAt(i - 1) == '>';
            if (plain && !redirection && (Character.isWhitespace(c) || c == ';' || c == '|' || c == '&')) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (!Character.isWhitespace(c)) {
                    if (!words.isEmpty()) {
                        commands.add(List.copyOf(words));
                    }
                    words.clear();
                }
                continue;
            }
            word = (word == null ? new StringBuilder() : word).append(c);
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
        return commands;
    }

    static boolean isBarelb(String word) {
        return word.equals("barelb") || word.endsWith("/bin/barelb") || word.equals("bin/barelb");
    }

    /**
     * Why a test does not run {@code command} in {@code workDir}, or empty when it can: offline, no root, exits by
     * itself, and every file it names is there (unless the page promises a failure).
     */
    static Optional<String> whyNotRun(Command command, Path workDir) {
        List<String> words = command.words();
        if (!isBarelb(words.get(0))) {
            return Optional.of("runs barelb under " + words.get(0) + " (needs root or the node)");
        }
        if (command.text().matches(".*[|;&<>`].*|.*\\$\\(.*")) {
            return Optional.of("uses the shell (pipes, redirections or substitutions)");
        }
        List<String> args = words.subList(1, words.size());
        Optional<String> placeholder = args.stream().filter(a -> PLACEHOLDER.matcher(a.replaceFirst("^--?[a-z-]+=", ""))
                .matches()).findFirst();
        if (placeholder.isPresent()) {
            return Optional.of("has a placeholder (" + placeholder.get() + ") for the reader's own value");
        }
        if (args.isEmpty() || args.stream().anyMatch(HELP::contains)) {
            return Optional.empty();
        }
        String subcommand = args.get(0);
        if (SAFE.contains(subcommand) || subcommand.equals("plan") && args.contains("--services")) {
            Optional<String> missing = args.stream().skip(1).map(a -> a.replaceFirst("^--?[a-z-]+=", ""))
                    .filter(a -> !a.startsWith("-") && a.matches(".*(\\.ya?ml|/)$|.*/.*"))
                    .filter(a -> !Files.exists(workDir.resolve(a))).findFirst();
            if (missing.isPresent() && command.expectedExit() == 0) {
                return Optional.of("names the reader's own file (" + missing.get() + ")");
            }
            return Optional.empty();
        }
        return Optional.of(switch (subcommand) {
            case "plan", "pools" -> "needs a cluster (the Kubernetes API)";
            case "controller" -> "a daemon that needs a cluster";
            case "speaker" -> args.contains("--static") ? "a daemon that announces on the node (root, the node's network)"
                    : "a daemon that needs a cluster and the node";
            case "status" -> "needs running speakers";
            case "demo" -> "a daemon (runs until stopped; DemoNetworkIT and the lb-demo tests run it)";
            default -> "an unknown subcommand " + subcommand;
        });
    }
}
