package dev.orderflow.fulfillment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda refuses expressions in task and filter queries ({@code enable-expressions-in-*-queries: false}),
 * but looks only at the top level of a query: an expression nested in {@code orQueries} would still run on the
 * server. This guard refuses any query parameter or JSON member named {@code ...Expression} with an expression
 * in it, at any depth, on the engine's REST APIs ({@code /engine-rest} and the webapps' own).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class QueryExpressionGuard extends OncePerRequestFilter {

    private static final Pattern ENGINE_API = Pattern.compile("^/(engine-rest|camunda/api/engine/engine/[^/]+)/.*");
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ENGINE_API.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getKey().endsWith("Expression")) {
                for (String value : parameter.getValue()) {
                    if (EXPRESSION.matcher(value).find()) {
                        refuse(response);
                        return;
                    }
                }
            }
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        if (containsExpression(body)) {
            refuse(response);
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
    }

    private boolean containsExpression(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try {
            return containsExpression(json.readTree(body));
        } catch (IOException notJson) {
            return false;
        }
    }

    private boolean containsExpression(JsonNode node) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().endsWith("Expression") && field.getValue().isTextual()
                        && EXPRESSION.matcher(field.getValue().asText()).find()) {
                    return true;
                }
                if (containsExpression(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsExpression(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"type\":\"AuthorizationException\","
                + "\"message\":\"Expressions are forbidden in queries, nested ones included\"}");
    }

    /** The request with its body, already read, available to read again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
