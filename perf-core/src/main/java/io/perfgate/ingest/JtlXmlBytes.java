package io.perfgate.ingest;

import io.perfgate.stats.SampleSink;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a JMeter JTL in XML straight from its bytes, some times faster than an XML parser, for the
 * documents JMeter writes: UTF-8, elements and attributes with ASCII names without prefixes, the five
 * predefined entities and character references, comments and CDATA sections, and nothing else. It checks
 * what makes such a document well-formed (tags that match, one root, attributes once, the characters XML
 * allows, valid UTF-8) and reads the samples exactly as {@link JtlXmlReader} reads them with the JDK's
 * parser: the same attributes, normalized and decoded as the parser does.
 *
 * <p>Anything else it leaves to the parser: a document with a DOCTYPE, a processing instruction, another
 * encoding, a namespace prefix, a sample attribute that is not a plain number where one is wanted, any
 * error, a file cut short, text or a comment longer than {@value #LONGEST_TEXT} bytes. Then {@link #read}
 * returns false, and the caller reads the file again with {@link JtlXmlReader}, into a fresh collector, so
 * that every message is the parser's.
 */
final class JtlXmlBytes {

    private static final int BUFFER_BYTES = 1 << 18;
    /** Longer text, comments or tags are left to the parser, which bounds what one record may take. */
    static final int LONGEST_TEXT = 1 << 16;
    private static final int NEED_MORE = -1;

    /** Not a document this reader is sure of: the parser reads it. */
    private static final class Unusual extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unusual() {
            super(null, null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // Element names, by number: the names this reader needs, then the others it meets.
    private static final int TEST_RESULTS = 0;
    private static final int HTTP_SAMPLE = 1;
    private static final int SAMPLE = 2;

    // Sample attributes, by number.
    private static final String[] SAMPLE_ATTRIBUTES = {"t", "lt", "ct", "ts", "s", "lb", "rc", "rm", "by", "sby", "na"};
    private static final int T = 0;
    private static final int LT = 1;
    private static final int CT = 2;
    private static final int TS = 3;
    private static final int S = 4;
    private static final int LB = 5;
    private static final int RC = 6;
    private static final int RM = 7;
    private static final int BY = 8;
    private static final int SBY = 9;
    private static final int NA = 10;

    private final JmeterVocabulary vocabulary;
    // The steps, made once: a method reference made per tag would be an object per tag.
    private final Step declaration = this::declarationFrom;
    private final Step startTag = this::startTagFrom;
    private final Step endTag = this::endTagFrom;
    private final Names elementNames = new Names("testResults", "httpSample", "sample");
    private final Names attributeNames = new Names(SAMPLE_ATTRIBUTES);
    private final InternedStrings labels = new InternedStrings();
    private final InternedStrings codes = new InternedStrings();

    private InputStream in;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int end;
    private boolean ended;

    /** The open elements' names, by number. */
    private int[] open = new int[64];
    private int depth;
    private boolean rootSeen;

    // The attributes of the tag being read: name numbers, and the values decoded into one array.
    private int[] tagAttributes = new int[32];
    private int tagAttributeCount;
    /** The attributes numbered below 64 that the tag has. */
    private long seenAttributes;
    private byte[] values = new byte[1024];
    private int valuesLength;
    private final int[] sampleValueStart = new int[SAMPLE_ATTRIBUTES.length];
    private final int[] sampleValueEnd = new int[SAMPLE_ATTRIBUTES.length];

    // The open samples, innermost last.
    private Frame[] samples = new Frame[16];
    private int sampleDepth;

    /** One open sample element. */
    private static final class Frame {
        boolean plainSample;
        boolean hasChildSamples;
        boolean transactionMessage;
        String label;
        long timeStamp;
        long elapsed;
        Boolean success;
        String responseCode;
        long latency;
        long connect;
        long bytes;
        long sentBytes;
        long allThreads;

        boolean isTransaction() {
            return plainSample && hasChildSamples || transactionMessage;
        }
    }

    JtlXmlBytes(SampleSink sink) {
        this.vocabulary = new JmeterVocabulary(sink);
    }

    /** What was read, once {@link #read} returned true. */
    SourceReading reading() {
        return vocabulary.reading();
    }

    /**
     * Reads the document into the sink.
     *
     * @return true when it was read whole; false when it is left to the parser (the sink then holds a part
     *         of it, to be thrown away)
     */
    boolean read(InputStream input) throws IOException {
        this.in = input;
        try {
            readDocument();
            return true;
        } catch (Unusual e) {
            return false;
        } catch (EOFException e) {
            return false; // gzip data cut short: the parser's reader tells it
        } catch (IllegalArgumentException e) {
            return false; // a value the sink refuses: the parser's reader names its line
        }
    }

    private void readDocument() throws IOException {
        fill();
        if (end - position >= 3 && (buffer[position] & 0xff) == 0xEF && (buffer[position + 1] & 0xff) == 0xBB
                && (buffer[position + 2] & 0xff) == 0xBF) {
            position += 3;
        }
        if (startsWith("<?xml")) {
            declaration();
        }
        // Before the root: white space and comments.
        while (true) {
            whitespaceOutside();
            if (startsWith("<!--")) {
                comment();
            } else if (end - position >= 2 || fill() && end - position >= 2) {
                break;
            } else {
                throw UNUSUAL; // no root element
            }
        }
        if (buffer[position] != '<' || buffer[position + 1] == '!' || buffer[position + 1] == '?'
                || buffer[position + 1] == '/') {
            throw UNUSUAL; // a DOCTYPE, a processing instruction, or no element
        }
        position = whole(startTag);
        while (depth > 0) {
            if (position >= end && !fill()) {
                throw UNUSUAL; // the root is not closed: cut short, the parser's reader tells it
            }
            if (buffer[position] == '<') {
                markup();
            } else {
                text();
            }
        }
        // After the root: white space and comments.
        while (true) {
            whitespaceOutside();
            if (position >= end && !fill()) {
                return;
            }
            if (!startsWith("<!--")) {
                throw UNUSUAL;
            }
            comment();
        }
    }

    // --- the bytes ---

    /** Reads more bytes, keeping those from {@link #position} on. @return false at the end */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, end - position);
            end -= position;
            position = 0;
        }
        if (end == buffer.length) {
            throw UNUSUAL; // a tag longer than the buffer
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            ended = true;
            return false;
        }
        end += read;
        return true;
    }

    private boolean startsWith(String text) throws IOException {
        while (end - position < text.length()) {
            if (!fill()) {
                return false;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (buffer[position + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs a reading step over the bytes from {@link #position} that returns the index after what it read,
     * or {@link #NEED_MORE}; reads more bytes until it can finish.
     */
    private int whole(Step step) throws IOException {
        while (true) {
            int next = step.from(position);
            if (next != NEED_MORE) {
                return next;
            }
            if (!fill()) {
                throw UNUSUAL; // the document ends inside it: cut short or malformed
            }
        }
    }

    /** One step of reading, from an index. */
    private interface Step {
        int from(int index);
    }

    // --- outside the root ---

    /** {@code <?xml version="1.0" encoding="UTF-8" standalone="yes"?>}, the encoding and standalone optional. */
    private void declaration() throws IOException {
        position = whole(declaration);
    }

    private int declarationFrom(int from) {
        int i = from + 5;
        i = requiredSpace(i);
        valuesLength = 0;
        i = pseudoAttribute(i, "version");
        if (i == NEED_MORE) {
            return NEED_MORE;
        }
        if (!valueIs("1.0", false)) {
            throw UNUSUAL;
        }
        int spaced = space(i);
        if (spaced == NEED_MORE) {
            return NEED_MORE;
        }
        if (spaced > i && spaced < end && buffer[spaced] == 'e') {
            valuesLength = 0;
            i = pseudoAttribute(spaced, "encoding");
            if (i == NEED_MORE) {
                return NEED_MORE;
            }
            if (!valueIs("UTF-8", true)) {
                throw UNUSUAL; // another encoding: the parser decodes it
            }
            spaced = space(i);
            if (spaced == NEED_MORE) {
                return NEED_MORE;
            }
        }
        if (spaced > i && spaced < end && buffer[spaced] == 's') {
            valuesLength = 0;
            i = pseudoAttribute(spaced, "standalone");
            if (i == NEED_MORE) {
                return NEED_MORE;
            }
            if (!valueIs("yes", false) && !valueIs("no", false)) {
                throw UNUSUAL;
            }
            spaced = space(i);
            if (spaced == NEED_MORE) {
                return NEED_MORE;
            }
        }
        if (spaced + 1 >= end) {
            return NEED_MORE;
        }
        if (buffer[spaced] != '?' || buffer[spaced + 1] != '>') {
            throw UNUSUAL;
        }
        return spaced + 2;
    }

    private int requiredSpace(int i) {
        int after = space(i);
        if (after == i) {
            throw UNUSUAL;
        }
        return after;
    }

    /** {@code name = "value"} of the declaration; the value goes to {@link #values}. */
    private int pseudoAttribute(int i, String name) {
        if (i == NEED_MORE) {
            return NEED_MORE;
        }
        if (end - i < name.length()) {
            return NEED_MORE;
        }
        for (int k = 0; k < name.length(); k++) {
            if (buffer[i + k] != name.charAt(k)) {
                throw UNUSUAL;
            }
        }
        return equalsAndValue(i + name.length());
    }

    private boolean valueIs(String text, boolean ignoreCase) {
        if (valuesLength != text.length()) {
            return false;
        }
        for (int k = 0; k < text.length(); k++) {
            int c = values[k];
            int wanted = text.charAt(k);
            if (c != wanted && !(ignoreCase && c >= 'a' && c <= 'z' && c - 32 == wanted)) {
                return false;
            }
        }
        return true;
    }

    private void whitespaceOutside() throws IOException {
        while (position < end || fill()) {
            byte b = buffer[position];
            if (b == '<') {
                return;
            }
            if (!isSpace(b)) {
                throw UNUSUAL; // text outside the root
            }
            position++;
        }
    }

    // --- markup ---

    private void markup() throws IOException {
        if (end - position < 2) {
            fill();
        }
        if (end - position < 2) {
            throw UNUSUAL;
        }
        byte next = buffer[position + 1];
        if (next == '/') {
            position = whole(endTag);
        } else if (next == '!') {
            if (startsWith("<!--")) {
                comment();
            } else if (depth > 0 && startsWith("<![CDATA[")) {
                cdata();
            } else {
                throw UNUSUAL; // a DOCTYPE, or worse
            }
        } else if (next == '?') {
            throw UNUSUAL; // a processing instruction
        } else {
            position = whole(startTag);
        }
    }

    private int endTagFrom(int from) {
        int nameStart = from + 2;
        int nameEnd = nameEnd(nameStart);
        if (nameEnd == NEED_MORE) {
            return NEED_MORE;
        }
        int i = space(nameEnd);
        if (i == NEED_MORE || i >= end) {
            return NEED_MORE;
        }
        if (buffer[i] != '>') {
            throw UNUSUAL;
        }
        if (depth == 0 || elementNames.find(buffer, nameStart, nameEnd) != open[depth - 1]) {
            throw UNUSUAL; // not the open element's end
        }
        int element = open[--depth];
        if ((element == HTTP_SAMPLE || element == SAMPLE) && sampleDepth > 0) {
            finishSample();
        }
        return i + 1;
    }

    private int startTagFrom(int from) {
        int nameStart = from + 1;
        int nameEnd = nameEnd(nameStart);
        if (nameEnd == NEED_MORE) {
            return NEED_MORE;
        }
        tagAttributeCount = 0;
        seenAttributes = 0;
        valuesLength = 0;
        Arrays.fill(sampleValueStart, -1);
        int i = nameEnd;
        while (true) {
            int spaced = space(i);
            if (spaced == NEED_MORE || spaced >= end) {
                return NEED_MORE;
            }
            byte b = buffer[spaced];
            if (b == '>' || b == '/') {
                if (b == '/') {
                    if (spaced + 1 >= end) {
                        return NEED_MORE;
                    }
                    if (buffer[spaced + 1] != '>') {
                        throw UNUSUAL;
                    }
                }
                int element = elementNames.intern(buffer, nameStart, nameEnd);
                startElement(element);
                if (b == '/') {
                    endEmptyElement(element);
                    return spaced + 2;
                }
                return spaced + 1;
            }
            if (spaced == i) {
                throw UNUSUAL; // attributes are separated by white space
            }
            int attributeEnd = nameEnd(spaced);
            if (attributeEnd == NEED_MORE) {
                return NEED_MORE;
            }
            int attribute = attributeNames.intern(buffer, spaced, attributeEnd);
            if (attributeEnd - spaced >= 5 && startsWithXmlns(spaced)) {
                throw UNUSUAL; // a namespace declaration
            }
            if (attribute < Long.SIZE) {
                if ((seenAttributes & 1L << attribute) != 0) {
                    throw UNUSUAL; // an attribute twice
                }
                seenAttributes |= 1L << attribute;
            } else {
                for (int k = 0; k < tagAttributeCount; k++) {
                    if (tagAttributes[k] == attribute) {
                        throw UNUSUAL; // an attribute twice
                    }
                }
            }
            if (tagAttributeCount == tagAttributes.length) {
                tagAttributes = Arrays.copyOf(tagAttributes, tagAttributeCount * 2);
            }
            tagAttributes[tagAttributeCount++] = attribute;
            int valueStart = valuesLength;
            i = attributeValue(attributeEnd);
            if (i == NEED_MORE) {
                return NEED_MORE;
            }
            if (attribute < SAMPLE_ATTRIBUTES.length) {
                sampleValueStart[attribute] = valueStart;
                sampleValueEnd[attribute] = valuesLength;
            }
        }
    }

    private boolean startsWithXmlns(int i) {
        return buffer[i] == 'x' && buffer[i + 1] == 'm' && buffer[i + 2] == 'l' && buffer[i + 3] == 'n'
                && buffer[i + 4] == 's';
    }

    /** {@code = "value"}, decoded and normalized into {@link #values}. */
    private int attributeValue(int i) {
        return equalsAndValue(i);
    }

    private int equalsAndValue(int from) {
        int i = space(from);
        if (i == NEED_MORE || i >= end) {
            return NEED_MORE;
        }
        if (buffer[i] != '=') {
            throw UNUSUAL;
        }
        i = space(i + 1);
        if (i == NEED_MORE || i >= end) {
            return NEED_MORE;
        }
        byte quote = buffer[i];
        if (quote != '"' && quote != '\'') {
            throw UNUSUAL;
        }
        int start = valuesLength;
        i++;
        while (true) {
            int plain = i;
            while (plain < end && isPlainInValue(buffer[plain], quote)) {
                plain++;
            }
            if (plain > i) {
                appendAll(i, plain);
                i = plain;
            }
            if (i >= end) {
                valuesLength = start;
                return NEED_MORE;
            }
            byte b = buffer[i];
            if (b == quote) {
                return i + 1;
            }
            if (b == '<') {
                throw UNUSUAL;
            }
            if (b == '&') {
                int after = reference(i, true);
                if (after == NEED_MORE) {
                    valuesLength = start;
                    return NEED_MORE;
                }
                i = after;
                continue;
            }
            if (b == '\r') {
                if (i + 1 >= end) {
                    valuesLength = start;
                    return NEED_MORE;
                }
                // CR LF is one line end, and a line end in a value reads as a space
                i += buffer[i + 1] == '\n' ? 2 : 1;
                append((byte) ' ');
                continue;
            }
            if (b == '\n' || b == '\t') {
                append((byte) ' ');
                i++;
                continue;
            }
            int after = character(i);
            if (after == NEED_MORE) {
                valuesLength = start;
                return NEED_MORE;
            }
            while (i < after) {
                append(buffer[i++]);
            }
        }
    }

    /** A printable ASCII character that stands for itself in an attribute value quoted with {@code quote}. */
    private static boolean isPlainInValue(byte b, byte quote) {
        return b >= 0x20 && b != quote && b != '<' && b != '&';
    }

    private void appendAll(int from, int to) {
        int length = to - from;
        if (valuesLength + length > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, valuesLength + length));
        }
        System.arraycopy(buffer, from, values, valuesLength, length);
        valuesLength += length;
    }

    private void append(byte b) {
        if (valuesLength == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[valuesLength++] = b;
    }

    /**
     * A reference at {@code i} ({@code &amp;}, {@code &#10;}, ...), its character appended to the values when
     * {@code keep}.
     *
     * @return the index after it
     */
    private int reference(int i, boolean keep) {
        int semicolon = -1;
        for (int k = i + 1; k < end && k < i + 12; k++) {
            if (buffer[k] == ';') {
                semicolon = k;
                break;
            }
        }
        if (semicolon < 0) {
            if (end - i < 12) {
                return NEED_MORE;
            }
            throw UNUSUAL;
        }
        int code;
        if (buffer[i + 1] == '#') {
            code = characterReference(i + 2, semicolon);
        } else {
            code = predefined(i + 1, semicolon);
        }
        if (keep) {
            appendCodePoint(code);
        }
        return semicolon + 1;
    }

    private int characterReference(int from, int to) {
        boolean hex = from < to && buffer[from] == 'x';
        int i = hex ? from + 1 : from;
        if (i == to) {
            throw UNUSUAL;
        }
        long code = 0;
        for (; i < to; i++) {
            int digit = Character.digit(buffer[i], hex ? 16 : 10);
            if (digit < 0 || (!hex && buffer[i] > '9')) {
                throw UNUSUAL;
            }
            code = code * (hex ? 16 : 10) + digit;
            if (code > 0x10FFFF) {
                throw UNUSUAL;
            }
        }
        int c = (int) code;
        if (!isXmlChar(c)) {
            throw UNUSUAL;
        }
        return c;
    }

    private int predefined(int from, int to) {
        int length = to - from;
        if (length == 2 && buffer[from + 1] == 't') {
            if (buffer[from] == 'l') {
                return '<';
            }
            if (buffer[from] == 'g') {
                return '>';
            }
        } else if (length == 3 && buffer[from] == 'a' && buffer[from + 1] == 'm' && buffer[from + 2] == 'p') {
            return '&';
        } else if (length == 4 && buffer[from] == 'a' && buffer[from + 1] == 'p' && buffer[from + 2] == 'o'
                && buffer[from + 3] == 's') {
            return '\'';
        } else if (length == 4 && buffer[from] == 'q' && buffer[from + 1] == 'u' && buffer[from + 2] == 'o'
                && buffer[from + 3] == 't') {
            return '"';
        }
        throw UNUSUAL; // an entity a DTD would declare: the parser refuses it
    }

    private void appendCodePoint(int code) {
        if (code < 0x80) {
            append((byte) code);
        } else {
            for (byte b : new String(Character.toChars(code)).getBytes(StandardCharsets.UTF_8)) {
                append(b);
            }
        }
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    /**
     * One character XML allows at {@code i}, in valid UTF-8, that is not a line end or tab (the caller
     * handles those).
     *
     * @return the index after it, or {@link #NEED_MORE} when its bytes go past the end of the buffer
     */
    private int character(int i) {
        int b = buffer[i];
        if (b >= 0x20) {
            return i + 1;
        }
        if (b >= 0) {
            if (b == '\t' || b == '\n' || b == '\r') {
                return i + 1;
            }
            throw UNUSUAL; // a control character XML does not allow
        }
        int lead = b & 0xff;
        int length;
        int lowest;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            lowest = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            lowest = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            lowest = 0x10000;
        } else {
            throw UNUSUAL;
        }
        if (i + length > end) {
            return NEED_MORE;
        }
        int code = lead & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int next = buffer[i + k] & 0xff;
            if ((next & 0xC0) != 0x80) {
                throw UNUSUAL;
            }
            code = code << 6 | next & 0x3F;
        }
        if (code < lowest || !isXmlChar(code)) {
            throw UNUSUAL; // an overlong form, a surrogate, U+FFFE, U+FFFF, or beyond U+10FFFF
        }
        return i + length;
    }

    /** ASCII characters that may start a name here, and that may go on one. */
    private static final boolean[] NAME_START = new boolean[128];
    private static final boolean[] NAME_PART = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            NAME_START[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            NAME_PART[c] = NAME_START[c] || c >= '0' && c <= '9' || c == '-' || c == '.';
        }
    }

    /** The end of an ASCII name without a prefix starting at {@code i}; {@link #NEED_MORE} when the buffer ends first. */
    private int nameEnd(int i) {
        if (i >= end) {
            return NEED_MORE;
        }
        byte first = buffer[i];
        if (first < 0 || !NAME_START[first]) {
            throw UNUSUAL;
        }
        byte[] bytes = buffer;
        int limit = end;
        int k = i + 1;
        byte b = 0;
        while (k < limit && (b = bytes[k]) >= 0 && NAME_PART[b]) {
            k++;
        }
        if (k >= limit) {
            return NEED_MORE;
        }
        if (b == ':' || b < 0) {
            throw UNUSUAL; // a prefix, or a name beyond ASCII
        }
        return k;
    }

    private int space(int i) {
        if (i == NEED_MORE) {
            return NEED_MORE;
        }
        byte[] bytes = buffer;
        int limit = end;
        while (i < limit && bytes[i] <= ' ' && isSpace(bytes[i])) {
            i++;
        }
        return i >= limit ? NEED_MORE : i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    // --- content ---

    /** Character data up to the next markup: allowed characters, references, no {@code ]]>}. */
    private void text() throws IOException {
        int length = 0;
        while (true) {
            if (position >= end && !fill()) {
                return;
            }
            int plain = position;
            while (plain < end && isPlainInText(buffer[plain])) {
                plain++;
            }
            length += plain - position;
            position = plain;
            if (length > LONGEST_TEXT) {
                throw UNUSUAL;
            }
            if (position >= end) {
                continue;
            }
            byte b = buffer[position];
            if (b == '<') {
                return;
            }
            if (++length > LONGEST_TEXT) {
                throw UNUSUAL;
            }
            if (b == '&') {
                int after = reference(position, false);
                if (after == NEED_MORE) {
                    if (!fill()) {
                        throw UNUSUAL;
                    }
                    continue;
                }
                position = after;
                continue;
            }
            if (b == ']') {
                if (end - position < 3 && fill()) {
                    continue;
                }
                if (end - position >= 3 && buffer[position + 1] == ']' && buffer[position + 2] == '>') {
                    throw UNUSUAL; // ]]> outside a CDATA section
                }
                position++;
                continue;
            }
            int after = character(position);
            if (after == NEED_MORE) {
                if (!fill()) {
                    throw UNUSUAL;
                }
                continue;
            }
            position = after;
        }
    }

    /** A printable ASCII character, or white space, that needs no look in text. */
    private static boolean isPlainInText(byte b) {
        return b >= 0x20 ? b != '<' && b != '&' && b != ']' : b == '\n' || b == '\t' || b == '\r';
    }

    private void comment() throws IOException {
        position += 4;
        int length = 0;
        while (true) {
            while (end - position < 3) {
                if (!fill()) {
                    throw UNUSUAL;
                }
            }
            if (buffer[position] == '-' && buffer[position + 1] == '-') {
                if (buffer[position + 2] != '>') {
                    throw UNUSUAL; // -- inside a comment
                }
                position += 3;
                return;
            }
            if (++length > LONGEST_TEXT) {
                throw UNUSUAL;
            }
            int after = character(position);
            if (after == NEED_MORE) {
                if (!fill()) {
                    throw UNUSUAL;
                }
                continue;
            }
            position = after;
        }
    }

    private void cdata() throws IOException {
        position += 9;
        int length = 0;
        while (true) {
            while (end - position < 3) {
                if (!fill()) {
                    throw UNUSUAL;
                }
            }
            if (buffer[position] == ']' && buffer[position + 1] == ']' && buffer[position + 2] == '>') {
                position += 3;
                return;
            }
            if (++length > LONGEST_TEXT) {
                throw UNUSUAL;
            }
            int after = character(position);
            if (after == NEED_MORE) {
                if (!fill()) {
                    throw UNUSUAL;
                }
                continue;
            }
            position = after;
        }
    }

    // --- elements and samples ---

    private void startElement(int element) {
        if (depth == 0 && (rootSeen || element != TEST_RESULTS)) {
            throw UNUSUAL; // another root element, or a second one: the parser's reader says which
        }
        rootSeen = true;
        if (depth > 0 && (element == HTTP_SAMPLE || element == SAMPLE)) {
            startSample(element);
        }
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = element;
    }

    private void endEmptyElement(int element) {
        depth--;
        if ((element == HTTP_SAMPLE || element == SAMPLE) && depth > 0) {
            finishSample();
        }
    }

    private void startSample(int element) {
        if (sampleDepth > 0) {
            samples[sampleDepth - 1].hasChildSamples = true;
        }
        if (sampleDepth == samples.length) {
            samples = Arrays.copyOf(samples, sampleDepth * 2);
        }
        Frame frame = samples[sampleDepth];
        if (frame == null) {
            frame = new Frame();
            samples[sampleDepth] = frame;
        }
        sampleDepth++;
        frame.plainSample = element == SAMPLE;
        frame.hasChildSamples = false;
        if (sampleValueStart[LB] < 0) {
            throw UNUSUAL; // no label: an error the parser's reader names
        }
        frame.label = labels.of(values, sampleValueStart[LB], sampleValueEnd[LB]);
        frame.timeStamp = number(TS);
        frame.elapsed = number(T);
        if (frame.timeStamp == JmeterVocabulary.ABSENT || frame.elapsed == JmeterVocabulary.ABSENT
                || JmeterSample.timeProblem("ts", frame.timeStamp, frame.elapsed) != null) {
            throw UNUSUAL;
        }
        frame.success = success();
        frame.responseCode = sampleValueStart[RC] < 0 ? null : codes.of(values, sampleValueStart[RC], sampleValueEnd[RC]);
        frame.latency = number(LT);
        frame.connect = number(CT);
        frame.bytes = number(BY);
        frame.sentBytes = number(SBY);
        frame.allThreads = number(NA);
        frame.transactionMessage = sampleValueStart[RM] >= 0
                && JmeterSample.isTransactionMessage(values, sampleValueStart[RM], sampleValueEnd[RM]);
    }

    /** A plain whole number, {@link JmeterVocabulary#ABSENT} when the attribute is missing or empty. */
    private long number(int attribute) {
        int from = sampleValueStart[attribute];
        if (from < 0) {
            return JmeterVocabulary.ABSENT;
        }
        int to = sampleValueEnd[attribute];
        if (to == from) {
            return JmeterVocabulary.ABSENT;
        }
        if (to - from > 18) {
            throw UNUSUAL;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = values[i] - '0';
            if (digit < 0 || digit > 9) {
                throw UNUSUAL; // white space, a sign, a fraction: the parser's reader reads or refuses it
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private Boolean success() {
        int from = sampleValueStart[S];
        if (from < 0) {
            return null;
        }
        int length = sampleValueEnd[S] - from;
        if (length == 4 && values[from] == 't' && values[from + 1] == 'r' && values[from + 2] == 'u'
                && values[from + 3] == 'e') {
            return Boolean.TRUE;
        }
        if (length == 5 && values[from] == 'f' && values[from + 1] == 'a' && values[from + 2] == 'l'
                && values[from + 3] == 's' && values[from + 4] == 'e') {
            return Boolean.FALSE;
        }
        throw UNUSUAL;
    }

    private void finishSample() {
        Frame frame = samples[--sampleDepth];
        Frame parent = sampleDepth > 0 ? samples[sampleDepth - 1] : null;
        boolean transaction = frame.isTransaction();
        if (!transaction && parent != null && !parent.isTransaction()) {
            return; // a part of its parent request, as in JMeter's own reports
        }
        vocabulary.accept(frame.label, frame.timeStamp, frame.elapsed, frame.success, frame.responseCode, transaction,
                frame.latency, frame.connect, frame.bytes, frame.sentBytes, frame.allThreads);
    }

    /**
     * Names by number, found by their bytes in a hash table; the first ones given, the others as they come
     * (at most {@value #MOST} names; more are unusual).
     */
    private static final class Names {

        private static final int MOST = 1024;
        private static final int SLOTS = 4096;

        private final byte[][] names = new byte[MOST][];
        private final int[] numbers = new int[SLOTS];
        private final long[] firstWords = new long[SLOTS];
        private int size;

        Names(String... known) {
            Arrays.fill(numbers, -1);
            for (String name : known) {
                byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
                intern(bytes, 0, bytes.length);
            }
        }

        /** The number of this name, -1 when it has none. */
        int find(byte[] bytes, int from, int to) {
            int length = to - from;
            long first = firstWord(bytes, from, length);
            for (int slot = slot(first, length); numbers[slot] >= 0; slot = (slot + 1) & (SLOTS - 1)) {
                if (firstWords[slot] == first) {
                    byte[] name = names[numbers[slot]];
                    if (name.length == length && (length <= Long.BYTES
                            || Arrays.equals(name, Long.BYTES, length, bytes, from + Long.BYTES, to))) {
                        return numbers[slot];
                    }
                }
            }
            return -1;
        }

        /** The number of this name, given one when it had none. */
        int intern(byte[] bytes, int from, int to) {
            int found = find(bytes, from, to);
            if (found >= 0) {
                return found;
            }
            if (size == MOST) {
                throw UNUSUAL;
            }
            int length = to - from;
            long first = firstWord(bytes, from, length);
            int slot = slot(first, length);
            while (numbers[slot] >= 0) {
                slot = (slot + 1) & (SLOTS - 1);
            }
            names[size] = Arrays.copyOfRange(bytes, from, to);
            numbers[slot] = size;
            firstWords[slot] = first;
            return size++;
        }

        private static int slot(long first, int length) {
            return (int) (((first ^ length) * 0x9E3779B97F4A7C15L) >>> 52) & (SLOTS - 1);
        }

        /** The first eight bytes (fewer for a shorter name, the rest zero) as one word. */
        private static long firstWord(byte[] bytes, int from, int length) {
            int n = Math.min(length, Long.BYTES);
            if (from + Long.BYTES <= bytes.length) {
                long word = (long) LONGS.get(bytes, from);
                return n == Long.BYTES ? word : word & ((1L << (n << 3)) - 1);
            }
            long word = 0;
            for (int i = n - 1; i >= 0; i--) {
                word = word << 8 | (bytes[from + i] & 0xff);
            }
            return word;
        }
    }

    /** Strings made once per distinct value, found by their UTF-8 bytes; starts again empty when full. */
    private static final class InternedStrings {

        private static final int CAPACITY = 4096;

        private final byte[][] keys = new byte[CAPACITY][];
        private final String[] texts = new String[CAPACITY];
        private int size;

        String of(byte[] bytes, int from, int to) {
            int hash = 1;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + bytes[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (CAPACITY - 1);
            for (byte[] key = keys[slot]; key != null; key = keys[slot]) {
                if (key.length == to - from && Arrays.equals(key, 0, key.length, bytes, from, to)) {
                    return texts[slot];
                }
                slot = (slot + 1) & (CAPACITY - 1);
            }
            String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            if (size >= CAPACITY / 2) {
                Arrays.fill(keys, null);
                Arrays.fill(texts, null);
                size = 0;
                slot = (hash ^ (hash >>> 16)) & (CAPACITY - 1);
            }
            keys[slot] = Arrays.copyOfRange(bytes, from, to);
            texts[slot] = text;
            size++;
            return text;
        }
    }
}
