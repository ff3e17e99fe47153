package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SampleSink;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
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

    private JtlXmlReader(String fileName, SampleSink sink) {
        this.fileName = fileName;
        this.vocabulary = new JmeterVocabulary(sink);
    }

    static SourceReading read(InputStream in, String fileName, SampleSink sink) {
        JtlXmlReader reader = new JtlXmlReader(fileName, sink);
        RecordBound bound = new RecordBound(in);
        XMLStreamReader xml = null;
        try {
            bound.startRecord();
            xml = safeFactory().createXMLStreamReader(bound);
            reader.readAll(xml, bound);
        } catch (XMLStreamException e) {
            throw reader.bad(e.getLocation(), "is not well-formed JTL XML: " + parserMessage(e.getMessage()));
        } catch (RecordBound.TooLong e) {
            throw reader.bad(xml == null ? null : xml.getLocation(), "a tag, text or comment here is longer than "
                    + RecordBound.LIMIT_TEXT + "; JMeter writes short ones (response data comes in parts)");
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException e) {
                    // nothing more to read; the stream itself is closed by the caller
                }
            }
        }
        return reader.vocabulary.reading();
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
        Deque<Open> open = new ArrayDeque<>();
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
        JmeterSample sample = new JmeterSample(label,
                required(xml, element, "ts", location),
                required(xml, element, "t", location),
                success(xml, element, location),
                xml.getAttributeValue(null, "rc"),
                false,
                optional(xml, element, "lt", location),
                optional(xml, element, "ct", location),
                optional(xml, element, "by", location),
                optional(xml, element, "sby", location),
                optional(xml, element, "na", location));
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
