package io.barelb.runtime.cli;

import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.api.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import io.barelb.runtime.cli.support.UserErrors;
import io.barelb.runtime.config.ConfigFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code barelb validate FILE...}: reads YAML files (multi-document; CRs of {@code metallb.io} or
 * {@code barelb.io} and/or the legacy ConfigMap), validates them together, and prints every problem (exit 1)
 * or a short summary of pools, addresses, advertisements and peers (exit 0).
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check configuration files (CRs of metallb.io or barelb.io, or the legacy MetalLB ConfigMap)"
                + " and print every problem, or a summary when they are valid.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML files, folders (their *.yaml and *.yml files)"
            + " or - for standard input; several documents per file are fine")
    List<Path> files = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--strict", description = "Fail (exit 1) on warnings too: nothing to assign"
            + " from, a pool no advertisement selects, or configuration in a namespace nothing reads.")
    boolean strict;

    @picocli.CommandLine.Option(names = "--namespace", paramLabel = "NS", defaultValue = "metallb-system",
            description = "The namespace the controller and speakers read configuration from: objects naming another"
                    + " get a warning (default: ${DEFAULT-VALUE}).")
    String namespace = "metallb-system";

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    private final ConfigValidator given;

    /** With this validator (tests, embedding); {@code --plugins-dir} is then ignored. */
    public ValidateCommand(ConfigValidator validator) {
        this.given = validator;
    }

    /**
     * With the plugins of {@code --plugins-dir}: pool entries are judged by the IPAM plugins, announcer kinds by
     * their announcers (with no plugins, pool entries by syntax and every other kind unclaimed).
     */
    public ValidateCommand() {
        this.given = null;
    }

    private ConfigValidator validator() {
        return given != null ? given
                : plugins.validator();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigReader reader = validator().reader();
        List<ConfigInput> inputs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        io.barelb.runtime.config.NamespaceCheck placement = new io.barelb.runtime.config.NamespaceCheck(
                validator().kinds(), namespace);
        for (Path given : files) {
            if (given.toString().equals("-")) {
                try {
                    String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                    inputs.add(reader.readYaml("(stdin)", text));
                    warnings.addAll(placement.warnings(text));
                } catch (IOException e) {
                    unreadable.add("standard input cannot be read: " + UserErrors.file(e));
                }
                continue;
            }
            if (!Files.exists(given)) {
                unreadable.add("File \"" + given + "\": no such file or folder");
                continue;
            }
            List<Path> expanded = ConfigFiles.expand(given);
            if (expanded.isEmpty()) {
                unreadable.add("Folder \"" + given + "\": holds no *.yaml or *.yml file");
            }
            for (Path file : expanded) {
                try {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    inputs.add(reader.readYaml(file.toString(), text));
                    warnings.addAll(placement.warnings(text));
                } catch (IOException e) {
                    unreadable.add("File \"" + file + "\": cannot be read: " + UserErrors.file(e));
                }
            }
        }
        Validation validation = validator().validate(ConfigInput.merge(inputs));
        if (!unreadable.isEmpty() || !validation.valid()) {
            int count = unreadable.size() + validation.problems().size();
            err.println(count + (count == 1 ? " problem" : " problems") + " in " + names() + ":");
            unreadable.forEach(line -> err.println("  " + line));
            validation.problems().stream().map(ConfigProblem::message).forEach(line -> err.println("  " + line));
            PluginOptions.printNotices(validation, err);
            return 1;
        }
        warnings.addAll(io.barelb.runtime.config.MigrationChecks.warnings(validation.orThrow(), validator().kinds()));
        out.println("valid: " + names());
        validation.summary().forEach(out::println);
        out.flush();
        PluginOptions.printNotices(validation, err);
        warnings.forEach(warning -> err.println("warning: " + warning));
        err.flush();
        return strict && !warnings.isEmpty() ? 1 : 0;
    }

    private String names() {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }
}
