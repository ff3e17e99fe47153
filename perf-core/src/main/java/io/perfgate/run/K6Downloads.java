package io.perfgate.run;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.OptionalLong;

/** Fetches the files of a k6 release; {@link HttpK6Downloads} over HTTP. */
@FunctionalInterface
public interface K6Downloads {

    /**
     * Asks for one file. The caller reads and closes the body.
     *
     * @throws IOException when the server cannot be reached or the exchange fails
     */
    Response open(URI uri) throws IOException;

    /**
     * The server's answer.
     *
     * @param status        the HTTP status, after redirects were followed
     * @param contentLength the announced length of the body, when known
     * @param body          the body; read it only for status 200
     */
    record Response(int status, OptionalLong contentLength, InputStream body) implements Closeable {

        public Response {
            Objects.requireNonNull(contentLength, "contentLength");
            Objects.requireNonNull(body, "body");
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
