package dev.orderflow.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every request body is bounded before anything reads it. Registered twice ({@link WebServerConfiguration}): for
 * every door but the API it runs first, before Camunda's authentication filters and every reader (Spring MVC,
 * Camunda's JAX-RS resources and their multipart parser), whoever the caller is; for {@code /api/**} it runs right
 * after Spring Security, which reads no body there (HTTP Basic), so that a caller without credentials or without
 * the role gets 401 or 403 before 413, as the API's precedence says, and still nothing reads a body unbounded. A body that announces a larger {@code Content-Length} than its path allows gets 413 at
 * once, unread; a chunked body is counted while it is read and cut at the limit, so nothing ever buffers more.
 * The 413 speaks the language of its door: Problem Details under {@code /api}, Camunda's {@code {type, message}}
 * under {@code /engine-rest} and {@code /camunda/api}, the HTML error page elsewhere. Registered by
 * {@link WebServerConfiguration}; the limits per path are {@link #LIMITS}.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /** How a refusal is written. */
    enum Door { API, CAMUNDA, PAGE }

    /**
     * A body limit for the requests whose path (decoded and normalized, as the servlet sees it) matches.
     *
     * @param method only this method, or {@code null} for any
     */
    record Limit(HttpMethod method, PathPattern path, long bytes, Door door) {

        static Limit of(HttpMethod method, String pattern, long bytes, Door door) {
            return new Limit(method, PathPatternParser.defaultInstance.parse(pattern), bytes, door);
        }

        boolean matches(String method, PathContainer requestPath) {
            return (this.method == null || this.method.matches(method)) && path.matches(requestPath);
        }
    }

    /**
     * The first entry that matches decides. Per-endpoint limits go above their family's.
     * <ul>
     * <li>The catalog import ({@code POST /api/products/import}): 32 MiB, 100,000 product rows of CSV or JSON
     * (read as a stream, never held whole).
     * <li>{@code /api/**}: 64 KiB (docs/api.md), the courier webhook included.
     * <li>Deployments ({@code /engine-rest/deployment/create} from Camunda Modeler, the same through the webapps):
     * 4 MiB. They are multipart BPMN, DMN and form files sent as they are (no base64); our whole {@code bpmn/}
     * folder is under 100 KiB and large real-world diagrams are around 1 MiB, so a deployment of several of them
     * fits with room to spare.
     * <li>The rest of {@code /engine-rest/**} and the webapps' {@code /camunda/api/**}: 512 KiB. These are JSON
     * queries, task completions with a form's few variables (serialized Java objects are off) and batch operations;
     * the largest, a batch naming 10,000 process instance ids one by one, is about 400 KiB.
     * <li>Everything else (the tracking page's decision form, the webapps' login, actuator): 16 KiB; their largest
     * legitimate body is well under 1 KiB.
     * </ul>
     */
    static final List<Limit> LIMITS = List.of(
            Limit.of(HttpMethod.POST, "/api/products/import", 32 * MIB, Door.API),
            Limit.of(null, "/api/**", 64 * KIB, Door.API),
            Limit.of(HttpMethod.POST, "/engine-rest/deployment/create", 4 * MIB, Door.CAMUNDA),
            Limit.of(HttpMethod.POST, "/engine-rest/engine/{engine}/deployment/create", 4 * MIB, Door.CAMUNDA),
            Limit.of(HttpMethod.POST, "/camunda/api/engine/engine/{engine}/deployment/create", 4 * MIB, Door.CAMUNDA),
            Limit.of(null, "/engine-rest/**", 512 * KIB, Door.CAMUNDA),
            Limit.of(null, "/camunda/api/**", 512 * KIB, Door.CAMUNDA),
            Limit.of(null, "/**", 16 * KIB, Door.PAGE));

    private final ObjectMapper json;
    private final boolean api;

    /**
     * @param api {@code true}: this instance bounds the API's bodies ({@link Door#API}) and lets every other request
     *            pass; {@code false}: every other door's, letting the API's pass
     */
    RequestSizeLimitFilter(ObjectMapper json, boolean api) {
        this.json = json;
        this.api = api;
    }

    /** The limit for a request: its method and its path within the application, decoded and normalized. */
    static Limit limitFor(String method, String path) {
        PathContainer requestPath = PathContainer.parsePath(path.isEmpty() ? "/" : path);
        return LIMITS.stream().filter(limit -> limit.matches(method, requestPath)).findFirst()
                .orElse(LIMITS.get(LIMITS.size() - 1));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // servlet path + path info: decoded, without path parameters, dot segments resolved (what is dispatched)
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Limit limit = limitFor(request.getMethod(), path);
        if ((limit.door() == Door.API) != api) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit.bytes()) {
            refuse(request, response, limit);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, limit.bytes());
        SilenceableResponse guarded = new SilenceableResponse(response, limited);
        try {
            chain.doFilter(limited, guarded);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!limited.tripped) {
                throw e;
            }
        }
        if (limited.tripped) {
            // whatever the reader made of the cut body (Camunda says 400 "cannot be processed") was not sent
            refuse(request, response, limit);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Limit limit) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        String detail = "request bodies are at most " + limit.bytes() + " bytes (" + readable(limit.bytes())
                + ") here";
        response.setHeader("Connection", "close");
        switch (limit.door()) {
            case API -> {
                response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), ApiExceptionHandler.problem(HttpStatus.PAYLOAD_TOO_LARGE,
                        "Request body too large", detail, List.of()));
            }
            case CAMUNDA -> {
                // the shape of Camunda's own errors (ExceptionDto), which Modeler and the webapps show
                response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Map.of("type", "RestException", "message",
                        "Request body too large: " + detail));
            }
            case PAGE -> {
                // written here rather than through sendError and /error: the connection closes at once, without
                // Tomcat waiting for the rest of a body that was never going to be read
                response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
                response.getOutputStream().write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Request too large</title></head><body><h1>Request too large</h1><p>The request was"
                        + " larger than this page accepts.</p></body></html>").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String readable(long bytes) {
        return bytes >= MIB ? bytes / MIB + " MiB" : bytes / KIB + " KiB";
    }

    /** Thrown by a read that goes past the limit; the filter answers 413 once the reader gives up. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request bodies are at most " + limit + " bytes here");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;
        volatile boolean tripped;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), this);
            }
            return stream;
        }

        /** The container's own reader would bypass the count: read characters through the counted stream. */
        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final LimitedRequest request;
        private long read;

        LimitedStream(ServletInputStream in, LimitedRequest request) {
            this.in = in;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            checkNotTripped();
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkNotTripped();
            // never hand out more than one byte beyond the limit, whatever the reader's buffer
            int n = in.read(buffer, offset, (int) Math.min(length, request.limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > request.limit) {
                request.tripped = true;
                throw new BodyTooLargeException(request.limit);
            }
        }

        private void checkNotTripped() throws BodyTooLargeException {
            if (request.tripped) {
                throw new BodyTooLargeException(request.limit);
            }
        }

        @Override
        public boolean isFinished() {
            return request.tripped || in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** Passes everything through until the body went past its limit; from then on nothing reaches the client. */
    private static final class SilenceableResponse extends HttpServletResponseWrapper {
        private final LimitedRequest request;
        private ServletOutputStream stream;
        private PrintWriter writer;

        SilenceableResponse(HttpServletResponse response, LimitedRequest request) {
            super(response);
            this.request = request;
        }

        private boolean silenced() {
            return request.tripped;
        }

        @Override
        public void setStatus(int sc) {
            if (!silenced()) {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (!silenced()) {
                super.sendError(sc, msg);
            }
        }

        @Override
        public void sendError(int sc) throws IOException {
            if (!silenced()) {
                super.sendError(sc);
            }
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            if (!silenced()) {
                super.sendRedirect(location);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!silenced()) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!silenced()) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (!silenced()) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (!silenced()) {
                super.addIntHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!silenced()) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!silenced()) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setContentType(String type) {
            if (!silenced()) {
                super.setContentType(type);
            }
        }

        @Override
        public void setContentLength(int len) {
            if (!silenced()) {
                super.setContentLength(len);
            }
        }

        @Override
        public void setContentLengthLong(long len) {
            if (!silenced()) {
                super.setContentLengthLong(len);
            }
        }

        @Override
        public void setCharacterEncoding(String charset) {
            if (!silenced()) {
                super.setCharacterEncoding(charset);
            }
        }

        @Override
        public void setLocale(Locale locale) {
            if (!silenced()) {
                super.setLocale(locale);
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (!silenced()) {
                super.flushBuffer();
            }
        }

        @Override
        public void reset() {
            if (!silenced()) {
                super.reset();
            }
        }

        @Override
        public void resetBuffer() {
            if (!silenced()) {
                super.resetBuffer();
            }
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new SilenceableStream(this);
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new Writer() {
                    private Writer real;

                    @Override
                    public void write(char[] chars, int offset, int length) throws IOException {
                        if (!silenced()) {
                            real().write(chars, offset, length);
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (!silenced() && real != null) {
                            real.flush();
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        if (!silenced() && real != null) {
                            real.close();
                        }
                    }

                    private Writer real() throws IOException {
                        if (real == null) {
                            real = SilenceableResponse.super.getWriter();
                        }
                        return real;
                    }
                });
            }
            return writer;
        }

        private ServletOutputStream real() throws IOException {
            return super.getOutputStream();
        }
    }

    private static final class SilenceableStream extends ServletOutputStream {
        private final SilenceableResponse response;

        SilenceableStream(SilenceableResponse response) {
            this.response = response;
        }

        @Override
        public void write(int b) throws IOException {
            if (!response.silenced()) {
                response.real().write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!response.silenced()) {
                response.real().write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!response.silenced()) {
                response.real().flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!response.silenced()) {
                response.real().close();
            }
        }

        @Override
        public boolean isReady() {
            try {
                return response.silenced() || response.real().isReady();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                response.real().setWriteListener(listener);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
