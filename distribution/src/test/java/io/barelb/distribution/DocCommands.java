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
 * The {@code barelb} commands of the docs: every line of a fenced {@code sh} block of a page that calls
 * {@code barelb} (or {@code bin/barelb}), with its continuation lines joined, and whether a test may run it
 * without a cluster, root or a running speaker ({@link #whyNotRun}). A block preceded by
 * {@code <!-- run in: DIR -->} runs in that folder of the repository, others in the distribution folder (where
 * {@code etc/} and {@code manifests/} are); a trailing {@code # exit N} comment is the exit code the page promises,
 * 0 otherwise. Pure.
 */
final class DocCommands {

    /** One command: where it is, its words (program first), the folder it runs in (null: the distribution's). */
    record Command(String page, int line, List<String> words, String runIn, int expectedExit) {
        String text() {
            return String.join(" ", words);
        }
    }

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern RUN_IN = Pattern.compile("^<!-- run in: (\\S+) -->$");
    private static final Pattern EXIT = Pattern.compile("\\bexit (\\d+)\\b");
    /** FILE, FILE..., HOST[:PORT], or anything with "...". */
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z][A-Z0-9_]*(\\[:[A-Z]+])?(\\.\\.\\.)?|.*\\.\\.\\..*");
    private static final Set<String> SAFE = Set.of("validate", "plugins", "help");
    private static final Set<String> HELP = Set.of("--help", "-h", "--version", "-V");
    /** Commands that run barelb under them ({@code helm install barelb ...} names a release, not the launcher). */
    private static final Set<String> WRAPPERS = Set.of("setpriv", "sudo", "env", "ip", "nsenter");

    private DocCommands() {
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
        String lastText = "";
        for (int i = 0; i < lines.length; i++) {
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (!lines[i].isBlank()) {
                    lastText = lines[i].trim();
                }
                continue;
            }
            boolean shell = fence.group(1).equals("sh") || fence.group(1).equals("bash");
            Matcher runIn = RUN_IN.matcher(lastText);
            String dir = runIn.matches() ? runIn.group(1) : null;
            int j = i + 1;
            for (; j < lines.length && !lines[j].startsWith("```"); j++) {
                if (!shell) {
                    continue;
                }
                int first = j;
                StringBuilder joined = new StringBuilder(lines[j]);
                while (joined.toString().endsWith("\\") && j + 1 < lines.length) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(lines[++j].trim());
                }
                command(page, first + 1, joined.toString(), dir).ifPresent(commands::add);
            }
            i = j;
            lastText = "";
        }
        return commands;
    }

    private static Optional<Command> command(String page, int line, String text, String dir) {
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
        List<String> words = List.of(body.split("\\s+"));
        boolean wrapped = WRAPPERS.contains(words.get(0)) && words.stream().anyMatch(DocCommands::isBarelb);
        if (body.isEmpty() || !isBarelb(words.get(0)) && !wrapped) {
            return Optional.empty();
        }
        Matcher exit = EXIT.matcher(comment);
        return Optional.of(new Command(page, line, words, dir, exit.find() ? Integer.parseInt(exit.group(1)) : 0));
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
