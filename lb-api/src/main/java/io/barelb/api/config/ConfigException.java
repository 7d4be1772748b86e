package io.barelb.api.config;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; carries every problem found, not just the first. */
public class ConfigException extends LbException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** At least one problem. */
    public ConfigException(List<ConfigProblem> problems) {
        super(ErrorCode.INVALID_CONFIG, describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Every problem, in the order found; unmodifiable. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::message).collect(Collectors.joining("\n"));
    }
}
