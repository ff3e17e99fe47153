package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

class JunitReportWriterTest {

    @Test
    void shouldWrapOneSuiteWhoseCountsMatchTheVerdicts() throws Exception {
        Document xml = parse(render(TestReports.realistic()));

        Element root = xml.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        List<Element> suites = children(root, "testsuite");
        assertThat(suites).hasSize(1);
        Element suite = suites.get(0);
        for (Element counted : List.of(root, suite)) {
            assertThat(counted.getAttribute("name")).isEqualTo("perfgate");
            assertThat(counted.getAttribute("tests")).isEqualTo("10");
            assertThat(counted.getAttribute("failures")).isEqualTo("4");
            assertThat(counted.getAttribute("errors")).isEqualTo("1");
            assertThat(counted.getAttribute("skipped")).isEqualTo("0");
            assertThat(Float.parseFloat(counted.getAttribute("time"))).isZero();
        }
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2025-06-02T09:30:00");
        assertThat(children(suite, "testcase")).hasSize(10);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(4);
        assertThat(xml.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("skipped").getLength()).isZero();
    }

    @Test
    void shouldNameEachCaseBySubjectAndExpression() throws Exception {
        List<Element> cases = testCases(parse(render(TestReports.realistic())));

        assertThat(cases).extracting(element -> element.getAttribute("classname") + " " + element.getAttribute("name"))
                .containsExactly("http_req_duration p(95)<500ms", "http_req_duration{name:checkout} p(95)<300",
                        "http_req_duration{name:search} avg<200ms", "http_req_failed rate<1%",
                        "http_req_duration{name:slow} p(99)<50", "checks rate>0.95", "http_reqs count>1000",
                        "iteration_duration med<1s", "http_req_duration{name:checkout} p(95) < baseline + 10%",
                        "db.query{match:\"from bookings\"} calls_per_request<=3");
        assertThat(cases).allSatisfy(element -> assertThat(Float.parseFloat(element.getAttribute("time"))).isZero());
    }

    @Test
    void shouldReportAFailedLineAsFailureWithSentenceLocationAndDescription() throws Exception {
        Element failed = testCases(parse(render(TestReports.realistic()))).get(1);

        Element failure = children(failed, "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("budget");
        assertThat(failure.getAttribute("message"))
                .isEqualTo("http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms");
        assertThat(failure.getTextContent()).isEqualTo(
                "http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms\n"
                        + "what changed: " + TestReports.checkoutPhases().sentence() + "\n"
                        + "what changed: " + TestReports.checkoutFailures().sentence() + "\n"
                        + "what changed: " + TestReports.bookingsShift().sentence() + "\n"
                        + "what changed: " + TestReports.guestsShift().sentence() + "\n"
                        + "budget line: perf-budget.yaml line 7, column 7\n"
                        + "description: Checkout must stay snappy");
    }

    @Test
    void shouldReportAnUndecidedLineAsError() throws Exception {
        Element undecided = testCases(parse(render(TestReports.realistic()))).get(4);

        Element error = children(undecided, "error").get(0);
        assertThat(error.getAttribute("type")).isEqualTo("undecided");
        assertThat(error.getAttribute("message")).startsWith("http_req_duration{name:slow} p(99) could not be evaluated");
        assertThat(children(undecided, "failure")).isEmpty();
    }

    @Test
    void shouldLetAWarnedLinePassWithTheWarningAsOutput() throws Exception {
        Element warned = testCases(parse(render(TestReports.realistic()))).get(2);

        assertThat(children(warned, "failure")).isEmpty();
        assertThat(children(warned, "error")).isEmpty();
        assertThat(children(warned, "system-out").get(0).getTextContent())
                .isEqualTo("WARNING: http_req_duration{name:search} avg is 231.7 ms, but the budget is < 200 ms\n"
                        + "what changed: " + TestReports.searchPhases().sentence());
        Element passed = testCases(parse(render(TestReports.realistic()))).get(0);
        assertThat(children(passed, "system-out").get(0).getTextContent())
                .isEqualTo("http_req_duration p(95) is 69.27 ms, within the budget of < 500 ms");
    }

    @Test
    void shouldAddAnErrorCaseWhenTheEvaluationReportedErrors() throws Exception {
        GateReport report = TestReports.withLines(Verdict.ERROR,
                List.of(new Diagnostic(Diagnostic.Level.ERROR, "results.jtl line 3: not a number"),
                        new Diagnostic(Diagnostic.Level.ERROR, "no results found in target/k6")),
                Verdict.PASS, Verdict.PASS);

        Document xml = parse(render(report));

        Element suite = children(xml.getDocumentElement(), "testsuite").get(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        Element evaluation = testCases(xml).get(2);
        assertThat(evaluation.getAttribute("classname")).isEqualTo("perfgate");
        assertThat(evaluation.getAttribute("name")).isEqualTo("evaluation");
        Element error = children(evaluation, "error").get(0);
        assertThat(error.getAttribute("message")).isEqualTo("results.jtl line 3: not a number");
        assertThat(error.getTextContent())
                .isEqualTo("results.jtl line 3: not a number\nno results found in target/k6\n");
        assertThat(children(suite, "system-out").get(0).getTextContent()).contains("ERROR: no results found");
    }

    @Test
    void shouldStripCharactersThatXmlForbidsAndKeepTheRest() throws Exception {
        String payload = "a\u0000b\u001b[31mc\uFFFEd\uD800e\u0085f\t\"<&>'😀";
        GateReport report = TestReports.hostile(payload);

        Document xml = parse(render(report));

        String kept = "ab[31mcdef\t\"<&>'😀";
        Element failed = testCases(xml).get(2);
        assertThat(failed.getAttribute("name")).isEqualTo("p(95)<" + kept.replace('\t', ' '));
        assertThat(children(failed, "failure").get(0).getAttribute("message"))
                .isEqualTo("sentence " + kept.replace('\t', ' '));
        assertThat(children(failed, "failure").get(0).getTextContent()).startsWith("sentence " + kept + "\n");
    }

    @Test
    void shouldBeReadableByAParserThatRefusesDoctypes() throws Exception {
        String xml = render(TestReports.realistic());

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ").doesNotContain("<!DOCTYPE");
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<x>&e;</x>")).as("the test parser itself is XXE-safe").isInstanceOf(SAXParseException.class);
    }

    private static String render(GateReport report) {
        return TestReports.render(new JunitReportWriter(), report);
    }

    /** A DOM parser hardened against external entities, as a CI server should use. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> testCases(Document xml) {
        return children(children(xml.getDocumentElement(), "testsuite").get(0), "testcase");
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                found.add(element);
            }
        }
        return found;
    }
}
