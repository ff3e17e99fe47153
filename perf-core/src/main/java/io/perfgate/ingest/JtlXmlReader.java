package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SampleSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.MissingResourceException;
import java.util.OptionalLong;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a JMeter JTL in XML with StAX, in memory bounded by the nesting depth.
 *
 * <p>{@code <httpSample>} and {@code <sample>} elements under {@code <testResults>} are samples, with
 * the attributes {@code t lt ct ts s lb rc rm by sby na}. A {@code <sample>} that holds child samples
 * (a Transaction Controller with "generate parent sample") or whose {@code rm} is the Transaction
 * Controller's message is a transaction, not a request; the samples directly inside a transaction
 * are requests (or nested transactions). Samples nested in a request (redirects, embedded resources)
 * are parts of that request, as in JMeter's own reports, and are not counted again.
 * {@code <assertionResult>} children need no reading: a failed assertion already sets {@code s="false"}.
 *
 * <p>XXE-safe: no DTD support, no external entities; a document with a DOCTYPE is refused. A tag, text
 * part or comment longer than {@link RecordBound#MAX_RECORD_BYTES} is an error naming its line.
 */
final class JtlXmlReader {

    private static final String ROOT = "testResults";
    private static final String DURATION = "a duration";
    private static final String SIZE = "a size";
    private static final String THREAD_COUNT = "a thread count";

    /** One open sample element: what it holds, and whether a child sample was seen. */
    private static final class Open {
        final String element;
        final Open parent;
        final long line;
        final JmeterSample sample;
        final String responseMessage;
        boolean hasChildSamples;

        Open(String element, Open parent, long line, JmeterSample sample, String responseMessage) {
            this.element = element;
            this.parent = parent;
            this.line = line;
            this.sample = sample;
            this.responseMessage = responseMessage;
        }

        boolean isTransaction() {
            return element.equals("sample") && hasChildSamples || JmeterSample.isTransactionMessage(responseMessage);
        }
    }

    private final String fileName;
    private final JmeterVocabulary vocabulary;
    private final Deque<Open> open = new ArrayDeque<>();
    private boolean rootOpen;

    private JtlXmlReader(String fileName, SampleSink sink) {
        this.fileName = fileName;
        this.vocabulary = new JmeterVocabulary(sink);
    }

    /**
     * @throws BadInputException naming file, line and column when the XML is malformed other than at its end
     * @throws IOException       when the file cannot be read, corrupt gzip data included
     */
    static SourceReading read(InputStream in, String fileName, SampleSink sink, Diagnostics diagnostics)
            throws IOException {
        JtlXmlReader reader = new JtlXmlReader(fileName, sink);
        TrackedInput input = new TrackedInput(in);
        RecordBound bound = new RecordBound(input);
        XMLStreamReader xml = null;
        try {
            bound.startRecord();
            xml = safeFactory().createXMLStreamReader(bound);
            reader.readAll(xml, bound);
        } catch (XMLStreamException e) {
            if (input.failure() != null) {
                throw input.failure();
            }
            if (!reader.isCutShort(e.getLocation(), input)) {
                throw reader.bad(e.getLocation(), "is not well-formed JTL XML: " + parserMessage(e.getMessage()));
            }
            reader.warnCutShort(input, diagnostics);
            return reader.vocabulary.reading();
        } catch (RecordBound.TooLong e) {
            throw reader.bad(xml == null ? null : xml.getLocation(), "a tag, text or comment here is longer than "
                    + RecordBound.LIMIT_TEXT + "; JMeter writes short ones (response data comes in parts)");
        } catch (MissingResourceException e) {
            // The JDK's parser lacks the text of some of its own errors (InvalidCharInDTD) and throws this.
            throw reader.bad(xml == null ? null : xml.getLocation(), "is not well-formed JTL XML: the XML parser"
                    + " stopped with its error " + e.getKey() + ", for which it has no text");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing more to read; the stream itself is closed by the caller
                }
            }
        }
        if (input.compressedCut()) {
            diagnostics.warning(fileName + ": its compressed data ends early, after the whole JTL XML; the "
                    + reader.vocabulary.samples() + " sample(s) in it were read");
        }
        return reader.vocabulary.reading();
    }

    /**
     * A file that JMeter stopped writing ends inside {@code <testResults>}: the parser fails at the very
     * end of the bytes. Anything else that fails is malformed.
     */
    private boolean isCutShort(Location failedAt, TrackedInput input) {
        return rootOpen && input.ended() && failedAt != null && failedAt.getLineNumber() >= input.lastLineNumber();
    }

    private void warnCutShort(TrackedInput input, Diagnostics diagnostics) {
        Open cut = open.peekLast();
        diagnostics.warning(fileName + " line " + input.lastLineNumber() + ": the file ends before </" + ROOT + ">"
                + (input.compressedCut() ? ", its compressed data cut short" : "")
                + " (JMeter stopped while writing?); "
                + (cut == null ? "" : "the <" + cut.element + "> cut off at line " + cut.line + " was skipped, ")
                + "the " + vocabulary.samples() + " complete sample(s) before it were read");
    }

    /** The JDK's own StAX parser with DTDs and external entities off, whatever else is on the classpath. */
    static XMLInputFactory safeFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    private void readAll(XMLStreamReader xml, RecordBound bound) throws XMLStreamException {
        boolean rootSeen = false;
        while (xml.hasNext()) {
            // Each event is a record: the parser holds a tag whole, long text it hands over in parts.
            bound.startRecord();
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw bad(xml.getLocation(), "has a DOCTYPE; JTL files have none, and"
                        + " DTDs are refused because they can pull in other files");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw bad(xml.getLocation(), "uses the entity &"
                        + xml.getLocalName() + "; entities are not read");
                case XMLStreamConstants.START_ELEMENT -> {
                    String element = xml.getLocalName();
                    if (!rootSeen) {
                        if (!element.equals(ROOT)) {
                            throw bad(xml.getLocation(), "the root element is <" + element + ">, not <" + ROOT + ">");
                        }
                        rootSeen = true;
                        rootOpen = true;
                    } else if (element.equals("httpSample") || element.equals("sample")) {
                        Open parent = open.peek();
                        if (parent != null) {
                            parent.hasChildSamples = true;
                        }
                        open.push(start(xml, element, parent));
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    String element = xml.getLocalName();
                    if ((element.equals("httpSample") || element.equals("sample")) && !open.isEmpty()) {
                        finish(open.pop());
                    } else if (element.equals(ROOT) && open.isEmpty()) {
                        rootOpen = false;
                    }
                }
                default -> {
                    // text, comments, processing instructions: nothing to read
                }
            }
        }
        if (!rootSeen) {
            throw new BadInputException(SourceLocation.ofFile(fileName), "has no <" + ROOT + "> element");
        }
    }

    private Open start(XMLStreamReader xml, String element, Open parent) {
        Location location = xml.getLocation();
        String label = xml.getAttributeValue(null, "lb");
        if (label == null) {
            throw bad(location, "<" + element + "> has no lb (label) attribute");
        }
        long timeStamp = required(xml, element, "ts", location);
        long elapsed = amount(xml, element, "t", DURATION, location).orElseThrow(() -> bad(location, "<" + element
                + "> has no t attribute"));
        String timeProblem = JmeterSample.timeProblem("<" + element + "> attribute ts", timeStamp, elapsed);
        if (timeProblem != null) {
            throw bad(location, timeProblem);
        }
        JmeterSample sample = new JmeterSample(label,
                timeStamp,
                elapsed,
                success(xml, element, location),
                xml.getAttributeValue(null, "rc"),
                false,
                amount(xml, element, "lt", DURATION, location),
                amount(xml, element, "ct", DURATION, location),
                amount(xml, element, "by", SIZE, location),
                amount(xml, element, "sby", SIZE, location),
                amount(xml, element, "na", THREAD_COUNT, location));
        return new Open(element, parent, location.getLineNumber(), sample, xml.getAttributeValue(null, "rm"));
    }

    private void finish(Open open) {
        boolean transaction = open.isTransaction();
        if (!transaction && open.parent != null && !open.parent.isTransaction()) {
            return; // a part of its parent request, as in JMeter's own reports
        }
        try {
            vocabulary.accept(open.sample.withTransaction(transaction));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, open.line), e.getMessage(), e);
        }
    }

    private long required(XMLStreamReader xml, String element, String attribute, Location location) {
        return optional(xml, element, attribute, location).orElseThrow(() -> bad(location, "<" + element
                + "> has no " + attribute + " attribute"));
    }

    /** A whole number of 0 or more; {@code what} it is names it in the message when it is negative. */
    private OptionalLong amount(XMLStreamReader xml, String element, String attribute, String what,
            Location location) {
        OptionalLong value = optional(xml, element, attribute, location);
        String problem = value.isPresent()
                ? JmeterSample.negativeProblem("<" + element + "> attribute " + attribute, value.getAsLong(), what)
                : null;
        if (problem != null) {
            throw bad(location, problem);
        }
        return value;
    }

    private OptionalLong optional(XMLStreamReader xml, String element, String attribute, Location location) {
        String text = xml.getAttributeValue(null, attribute);
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw bad(location, "<" + element + "> attribute " + attribute + "=\"" + text + "\" is not a whole number"
                    + (attribute.equals("ts") ? " of epoch milliseconds" : ""));
        }
    }

    private Boolean success(XMLStreamReader xml, String element, Location location) {
        String text = xml.getAttributeValue(null, "s");
        if (text == null) {
            return null;
        }
        return switch (text.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw bad(location, "<" + element + "> attribute s=\"" + text + "\" is neither true nor false");
        };
    }

    private BadInputException bad(Location location, String problem) {
        long line = location == null ? 0 : Math.max(0, location.getLineNumber());
        int column = location == null ? 0 : Math.max(0, location.getColumnNumber());
        return new BadInputException(new SourceLocation(fileName, line, column), problem);
    }

    /** The JDK parser's message without its "ParseError at [row,col]" prefix (the location is ours). */
    private static String parserMessage(String message) {
        if (message == null) {
            return "";
        }
        int start = message.indexOf("Message: ");
        return (start < 0 ? message : message.substring(start + "Message: ".length())).strip();
    }
}
