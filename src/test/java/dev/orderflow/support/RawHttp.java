package dev.orderflow.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for requests no client library sends as written: paths that must not be
 * normalized ({@code //}, {@code %2e}, {@code \}), bodies announced but never sent, endless chunked bodies.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** An answer as it came over the wire; header names in lower case. */
    public record Answer(int status, Map<String, String> headers, String body, long bodyBytesSent) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    public static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /**
     * Sends {@code requestLineAndHeaders} (without the blank line that ends them) and {@code body}, then reads the
     * answer.
     */
    public Answer send(String requestLineAndHeaders, byte[] body) throws IOException {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), body == null ? 0 : body.length);
        }
    }

    /** Announces a body of {@code contentLength} bytes, sends none of it and reads the answer. */
    public Answer announceOnly(String requestLineAndHeaders, long contentLength) throws IOException {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Content-Length: " + contentLength + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream(), 0);
        }
    }

    /**
     * Sends a chunked body of up to {@code maxBytes} bytes (of {@code filler}, after {@code prefix}) while reading
     * the answer at the same time; stops sending as soon as the answer is there or the server closes.
     */
    public Answer sendChunked(String requestLineAndHeaders, byte[] prefix, byte filler, long maxBytes)
            throws Exception {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(socket.getInputStream(), -1);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, filler);
            try {
                writeChunk(out, prefix, prefix.length);
                sent.addAndGet(prefix.length);
                while (sent.get() < maxBytes && !answer.isDone()) {
                    writeChunk(out, chunk, chunk.length);
                    sent.addAndGet(chunk.length);
                }
                if (!answer.isDone()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException serverStoppedReading) {
                // the server answered and closed: what matters is the answer
            }
            Answer received = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            return new Answer(received.status(), received.headers(), received.body(), sent.get());
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void writeChunk(OutputStream out, byte[] bytes, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes, 0, length);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer read(InputStream in, long sent) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            try {
                in.transferTo(body);
            } catch (IOException connectionReset) {
                // what arrived is the body
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), sent);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
