package io.perfgate.report;

import io.perfgate.budget.BudgetLine;
import io.perfgate.diag.Diagnostic;
import io.perfgate.model.Explanation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code perf-junit.xml} in the Ant/Surefire JUnit format that Jenkins, GitLab and most CI
 * servers show as test results: one test case per budget line, named after its series
 * ({@code classname}) and expression ({@code name}). A failed line is a {@code <failure>}, an
 * undecided one an {@code <error>}; a warned line passes and carries its warning as output. Error
 * messages of the evaluation make one more test case in error, so the file never looks green while
 * the gate failed.
 */
public final class JunitReportWriter implements ReportWriter {

    public static final String FILE_NAME = "perf-junit.xml";

    static final String SUITE_NAME = "perfgate";

    /** Ant's timestamp form, without zone or fraction (in UTC), which every JUnit XML reader parses. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The JDK's own writer, so output does not depend on what else is on the class path. */
    private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public void write(GateReport report, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            writeDocument(report, xml);
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + FILE_NAME + ": " + e.getMessage(), e);
        }
        out.flush();
    }

    private static void writeDocument(GateReport report, XMLStreamWriter xml) throws XMLStreamException {
        List<Diagnostic> errorMessages = report.messages().stream()
                .filter(message -> message.level() == Diagnostic.Level.ERROR)
                .toList();
        long tests = report.lines().size() + (errorMessages.isEmpty() ? 0 : 1);
        long failures = report.count(Verdict.FAIL);
        long errors = report.count(Verdict.ERROR) + (errorMessages.isEmpty() ? 0 : 1);

        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        writeCountAttributes(xml, tests, failures, errors);
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        writeCountAttributes(xml, tests, failures, errors);
        xml.writeAttribute("timestamp", TIMESTAMP.format(report.createdAt()));
        for (LineResult line : report.lines()) {
            writeTestCase(xml, line);
        }
        if (!errorMessages.isEmpty()) {
            writeEvaluationErrors(xml, errorMessages);
        }
        if (!report.messages().isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            StringBuilder text = new StringBuilder();
            for (Diagnostic message : report.messages()) {
                text.append(message.level()).append(": ").append(message.text()).append('\n');
            }
            xml.writeCharacters(UntrustedText.clean(text.toString()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
    }

    private static void writeCountAttributes(XMLStreamWriter xml, long tests, long failures, long errors)
            throws XMLStreamException {
        xml.writeAttribute("name", SUITE_NAME);
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", "0");
    }

    private static void writeTestCase(XMLStreamWriter xml, LineResult result) throws XMLStreamException {
        BudgetLine line = result.line();
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", attribute(line.subject()));
        xml.writeAttribute("name", attribute(line.expression()));
        xml.writeAttribute("time", "0");
        xml.writeCharacters("\n      ");
        switch (result.verdict()) {
            case FAIL -> writeProblem(xml, "failure", "budget", result);
            case ERROR -> writeProblem(xml, "error", "undecided", result);
            case WARN -> writeOutput(xml, "WARNING: " + result.sentence() + explanations(result));
            case PASS -> writeOutput(xml, result.sentence());
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void writeProblem(XMLStreamWriter xml, String element, String type, LineResult result)
            throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("message", attribute(result.sentence()));
        xml.writeAttribute("type", type);
        StringBuilder text = new StringBuilder(result.sentence()).append(explanations(result))
                .append("\nbudget line: ").append(result.line().location());
        if (!result.line().description().isEmpty()) {
            text.append("\ndescription: ").append(result.line().description());
        }
        xml.writeCharacters(UntrustedText.clean(text.toString()));
        xml.writeEndElement();
    }

    /** What changed behind a broken line, a line each below its sentence. */
    private static String explanations(LineResult result) {
        StringBuilder text = new StringBuilder();
        for (Explanation explanation : result.explanations()) {
            text.append("\nwhat changed: ").append(UntrustedText.oneLine(explanation.sentence()));
        }
        return text.toString();
    }

    private static void writeOutput(XMLStreamWriter xml, String text) throws XMLStreamException {
        xml.writeStartElement("system-out");
        xml.writeCharacters(UntrustedText.clean(text));
        xml.writeEndElement();
    }

    private static void writeEvaluationErrors(XMLStreamWriter xml, List<Diagnostic> errorMessages)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", SUITE_NAME);
        xml.writeAttribute("name", "evaluation");
        xml.writeAttribute("time", "0");
        xml.writeCharacters("\n      ");
        xml.writeStartElement("error");
        xml.writeAttribute("message", attribute(errorMessages.get(0).text()));
        xml.writeAttribute("type", "evaluation");
        StringBuilder text = new StringBuilder();
        for (Diagnostic message : errorMessages) {
            text.append(message.text()).append('\n');
        }
        xml.writeCharacters(UntrustedText.clean(text.toString()));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /** A parser turns line breaks in attribute values into spaces anyway; doing it here keeps output exact. */
    private static String attribute(String text) {
        return UntrustedText.oneLine(text);
    }
}
