package io.barelb.distribution;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UpgradeCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code helm} command of the docs run through helm-java (Helm's own library, in this JVM): {@code install},
 * {@code upgrade}, {@code template} and {@code lint} with the flags the docs use ({@code -n}, {@code --set},
 * {@code -f}, {@code --create-namespace}, {@code --reuse-values}, {@code --install}, {@code --dry-run},
 * {@code --strict}); any other word is refused with the fix, so a page that starts using one fails its test until
 * this class maps it.
 *
 * @param subcommand install, upgrade, template or lint
 * @param release    the release name (null for lint)
 * @param chart      the chart as written (a folder or a .tgz)
 * @param namespace  {@code -n}, or {@code default}
 * @param values     the {@code --set} values in order
 * @param valuesFile {@code -f}, or null
 * @param flags      the flags without a value
 */
record HelmDocCommand(String subcommand, String release, String chart, String namespace, Map<String, String> values,
        String valuesFile, List<String> flags) {

    private static final List<String> FLAGS = List.of("--create-namespace", "--reuse-values", "--install", "--dry-run",
            "--strict", "--wait");

    /** {@code words} (shell words, program first) as a Helm command. */
    static HelmDocCommand parse(List<String> words) {
        if (words.size() < 2 || !List.of("install", "upgrade", "template", "lint").contains(words.get(1))) {
            throw new IllegalArgumentException("helm " + (words.size() < 2 ? "" : words.get(1))
                    + ": HelmDocCommand maps install, upgrade, template and lint only; map this subcommand there");
        }
        String subcommand = words.get(1);
        List<String> positional = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        String namespace = "default";
        String valuesFile = null;
        List<String> flags = new ArrayList<>();
        for (int i = 2; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-n", "--namespace" -> namespace = words.get(++i);
                case "--set" -> {
                    String pair = words.get(++i);
                    values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
                case "-f", "--values" -> valuesFile = words.get(++i);
                default -> {
                    if (FLAGS.contains(word)) {
                        flags.add(word);
                    } else if (word.startsWith("-")) {
                        throw new IllegalArgumentException("helm " + subcommand + " " + word
                                + ": HelmDocCommand does not map this flag; add it there");
                    } else {
                        positional.add(word);
                    }
                }
            }
        }
        boolean lint = subcommand.equals("lint");
        if (positional.size() != (lint ? 1 : 2)) {
            throw new IllegalArgumentException("helm " + subcommand + " takes " + (lint ? "CHART" : "NAME CHART")
                    + ", not " + positional);
        }
        return new HelmDocCommand(subcommand, lint ? null : positional.get(0), positional.get(lint ? 0 : 1), namespace,
                values, valuesFile, flags);
    }

    /** Runs it with the chart and values file found in {@code dir}, against {@code kubeconfig}; what Helm prints. */
    String run(Path dir, Path kubeconfig) {
        Helm helm = new Helm(dir.resolve(chart));
        switch (subcommand) {
            case "lint" -> {
                LintResult result = flags.contains("--strict") ? helm.lint().strict().call() : helm.lint().call();
                if (result.isFailed()) {
                    throw new IllegalStateException("helm lint failed:\n" + String.join("\n", result.getMessages()));
                }
                return String.join("\n", result.getMessages());
            }
            case "template" -> {
                return template(dir);
            }
            case "install" -> {
                InstallCommand install = helm.install().withName(release).withNamespace(namespace).withKubeConfig(kubeconfig);
                values.forEach(install::set);
                if (valuesFile != null) {
                    install.withValuesFile(dir.resolve(valuesFile));
                }
                if (flags.contains("--create-namespace")) {
                    install.createNamespace();
                }
                if (flags.contains("--dry-run")) {
                    install.dryRun();
                }
                if (flags.contains("--wait")) {
                    install.waitReady();
                }
                return install.call().getOutput();
            }
            default -> {
                UpgradeCommand upgrade = helm.upgrade().withName(release).withNamespace(namespace).withKubeConfig(kubeconfig);
                values.forEach(upgrade::set);
                if (valuesFile != null) {
                    upgrade.withValuesFile(dir.resolve(valuesFile));
                }
                if (flags.contains("--install")) {
                    upgrade.install();
                }
                if (flags.contains("--reuse-values")) {
                    upgrade.reuseValues();
                }
                if (flags.contains("--create-namespace")) {
                    upgrade.createNamespace();
                }
                if (flags.contains("--dry-run")) {
                    upgrade.dryRun();
                }
                return upgrade.call().getOutput();
            }
        }
    }

    /** {@code helm template} with the same release, namespace and values: the objects it installs or upgrades. */
    String template(Path dir) {
        TemplateCommand template = new Helm(dir.resolve(chart)).template().withName(release == null ? "barelb" : release)
                .withNamespace(namespace);
        values.forEach(template::set);
        if (valuesFile != null) {
            template.withValuesFile(dir.resolve(valuesFile));
        }
        return template.call();
    }

    /** Shell words of {@code text}: split on blanks, with {@code '...'} and {@code "..."} kept whole and unquoted. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
