package dev.orderflow.system;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * What Tomcat refuses itself, before any filter or servlet (a request target it cannot decode, headers that are
 * too large, a body it will not swallow), it reports through this valve: Problem Details for {@code /api}, and
 * elsewhere Tomcat's page without its version or a stack trace.
 */
class ApiErrorReportValve extends ErrorReportValve {

    private final ObjectMapper json = new ObjectMapper();

    ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = rawUri(request);
        // a request line too broken to name a path belongs to no door: it gets the API's format
        if (uri != null && !uri.isEmpty() && !ApiPaths.isApi(uri)) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == HttpStatus.BAD_REQUEST.value() ? "the request is malformed" : title;
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", ApiExceptionHandler.typeOf(HttpStatusCode.valueOf(status)).toString());
                problem.put("title", title);
                problem.put("status", status);
                problem.put("detail", detail);
                writer.write(json.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGoneOrCommitted) {
            // nothing more can be said
        }
    }

    private static String rawUri(Request request) {
        try {
            return request.getRequestURI();
        } catch (RuntimeException unparsable) {
            return null;
        }
    }
}
