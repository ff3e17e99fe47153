package io.perfgate.budget;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfgate.diag.ReaderContract;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * The budget grammar, fed arbitrary text as YAML and as JSON: a budget or a
 * {@link io.perfgate.diag.BadInputException} naming the file, never another exception or a hang.
 */
class BudgetParserFuzzTest {

    @FuzzTest
    void yamlBudget(byte[] content) throws Exception {
        parse("perf-budget.yaml", content);
    }

    @FuzzTest
    void jsonBudget(byte[] content) throws Exception {
        parse("perf-budget.json", content);
    }

    private static void parse(String name, byte[] content) throws Exception {
        String text = new String(content, StandardCharsets.UTF_8);
        ReaderContract.resultOrBadInput(name, content, () -> {
            Budget budget = BudgetParser.parse(new StringReader(text), name);
            // a budget that checks nothing would pass every build
            if (budget.lines().isEmpty()) {
                throw new AssertionError("a budget without lines was accepted: " + text);
            }
            budget.series();
            budget.lines().forEach(line -> line.toString());
        });
    }
}
