package io.perfgate.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The key of a database budget line, which statements it is about:
 *
 * <pre>
 * db.query                           all statements of the load run, taken together
 * db.query{match:"from bookings"}    the statements whose text matches, taken together
 * db.each_query                      every statement on its own: the line must hold for each
 * db.each_query{match:"^select"}     every matching statement on its own
 * </pre>
 *
 * {@code match} is a regular expression found anywhere in the statement's normalized text
 * ({@code pg_stat_statements.query}, constants replaced by {@code $1}), ignoring case. Its value
 * may be quoted ({@code "..."} with {@code \"} and {@code \\} escapes), so it can hold commas and
 * braces.
 *
 * <p>A regular expression can take time exponential in the text's length ({@code (a+)+$} against 40 KB
 * took 42 s). The work of one selection is therefore bounded: the expression may look at no more than
 * {@value #MATCH_STEPS} characters over all the statements it searches, and a search that recurses
 * too deeply stops as well; either is a {@link MatchTooCostlyException}, never a hang.
 */
public final class DatabaseSelector {

    /** Every metric-like key of the thresholds map that starts with this is a database line. */
    public static final String PREFIX = "db.";

    /**
     * How many characters a match may look at while selecting statements, all statements of one selection
     * together: a plain expression looks at each character about once, so this covers some 100 million
     * characters of statement text, and stops a backtracking one within seconds.
     */
    public static final long MATCH_STEPS = 100_000_000L;

    /** Taken together, or each on its own. */
    public enum Scope {
        TOGETHER("db.query"),
        EACH("db.each_query");

        private final String name;

        Scope(String name) {
            this.name = name;
        }

        public String selectorName() {
            return name;
        }
    }

    private final Scope scope;
    private final Optional<String> match;
    private final Optional<Pattern> pattern;
    private final String text;

    private DatabaseSelector(Scope scope, Optional<String> match, String text) {
        this.scope = scope;
        this.match = match;
        this.pattern = match.map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        this.text = text;
    }

    /** All statements, together or each. */
    public static DatabaseSelector of(Scope scope) {
        return new DatabaseSelector(Objects.requireNonNull(scope, "scope"), Optional.empty(), scope.selectorName());
    }

    /**
     * The statements matching {@code regex}.
     *
     * @throws IllegalArgumentException when the expression does not compile
     */
    public static DatabaseSelector matching(Scope scope, String regex) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(regex, "regex");
        try {
            return new DatabaseSelector(scope, Optional.of(regex), scope.selectorName() + "{match:" + quote(regex) + "}");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("match \"" + regex + "\" is not a regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** Whether {@code selector} is meant as a database line, so a typo in it gets a database message. */
    public static boolean looksLikeDatabase(String selector) {
        return selector.strip().startsWith(PREFIX);
    }

    /**
     * Reads {@code db.query}, {@code db.query{match:"..."}}, {@code db.each_query} or
     * {@code db.each_query{match:"..."}}.
     *
     * @throws IllegalArgumentException naming what is wrong and what is allowed
     */
    public static DatabaseSelector parse(String selector) {
        String written = selector.strip();
        int open = written.indexOf('{');
        String name = (open < 0 ? written : written.substring(0, open)).strip();
        Scope scope = null;
        for (Scope candidate : Scope.values()) {
            if (candidate.selectorName().equals(name)) {
                scope = candidate;
            }
        }
        if (scope == null) {
            throw new IllegalArgumentException("unknown database selector '" + name + "'; write db.query "
                    + "(statements together) or db.each_query (each statement), optionally with {match:\"regex\"}");
        }
        if (open < 0) {
            return of(scope);
        }
        if (!written.endsWith("}")) {
            throw new IllegalArgumentException("filter of '" + written + "' has no closing '}'");
        }
        String body = written.substring(open + 1, written.length() - 1).strip();
        int colon = body.indexOf(':');
        if (colon < 0 || !body.substring(0, colon).strip().equals("match")) {
            throw new IllegalArgumentException("filter of '" + written + "' must be {match:\"regex\"}, the only "
                    + "filter of database lines");
        }
        String value = body.substring(colon + 1).strip();
        String regex = value.startsWith("\"") ? unquote(value, written) : value;
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("match of '" + written + "' is empty; leave the filter out to select "
                    + "every statement");
        }
        return matching(scope, regex);
    }

    public Scope scope() {
        return scope;
    }

    /** The regular expression, empty for all statements. */
    public Optional<String> match() {
        return match;
    }

    /**
     * Whether a statement's normalized text is selected.
     *
     * @throws MatchTooCostlyException when the match needs more than {@link #MATCH_STEPS} steps
     */
    public boolean selects(String statementText) {
        return select(List.of(statementText), Function.identity()).size() == 1;
    }

    /**
     * The statements whose normalized text is selected, in their order, within one budget of
     * {@link #MATCH_STEPS} steps for them all.
     *
     * @param text a statement's normalized text
     * @throws MatchTooCostlyException when the match needs more steps, or recurses too deeply
     */
    public <T> List<T> select(List<T> statements, Function<? super T, String> text) {
        if (pattern.isEmpty()) {
            return List.copyOf(statements);
        }
        List<T> selected = new ArrayList<>();
        CountedText counted = new CountedText(MATCH_STEPS);
        int searched = 0;
        for (T statement : statements) {
            String statementText = text.apply(statement);
            searched++;
            try {
                if (pattern.get().matcher(counted.over(statementText)).find()) {
                    selected.add(statement);
                }
            } catch (CountedText.Exhausted e) {
                throw new MatchTooCostlyException("match " + quote(match.orElseThrow()) + " looked at more than "
                        + String.format(Locale.ROOT, "%,d", MATCH_STEPS) + " characters in "
                        + searched + (searched == 1 ? " statement" : " statements") + " (the last one "
                        + statementText.length() + " characters long) and was stopped: it backtracks, as nested "
                        + "repetitions such as (a+)+ do; write it so that each character can match in one way only");
            } catch (StackOverflowError e) {
                throw new MatchTooCostlyException("match " + quote(match.orElseThrow()) + " recursed too deeply in "
                        + "a statement " + statementText.length() + " characters long and was stopped: a repeated "
                        + "group over a long text, such as (\\w+\\s?)+, does; repeat a character class instead, "
                        + "such as [\\w\\s]+");
            }
        }
        return List.copyOf(selected);
    }

    /** The selector in its canonical spelling, e.g. {@code db.query{match:"from bookings"}}. */
    public String text() {
        return text;
    }

    private static String unquote(String value, String written) {
        StringBuilder regex = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (value.charAt(i + 1) == '"' || value.charAt(i + 1) == '\\')) {
                regex.append(value.charAt(++i));
            } else if (c == '"') {
                if (!value.substring(i + 1).isBlank()) {
                    throw new IllegalArgumentException("text after the closing quote of match in '" + written + "'");
                }
                return regex.toString();
            } else {
                regex.append(c);
            }
        }
        throw new IllegalArgumentException("match of '" + written + "' has no closing quote");
    }

    private static String quote(String regex) {
        return "\"" + regex.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DatabaseSelector selector && selector.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
