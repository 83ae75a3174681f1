package dev.orderflow.system;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Accept} header that is not a list of media types ({@code ;;;}, {@code application/json;q=abc}) is an
 * invalid header value: 400 Problem Details naming the header. Spring MVC would take it for "nothing acceptable"
 * and then have no type to write any answer in, so every answer, an error's included, went out with no body and no
 * Content-Type. Checked the way Spring MVC reads the header, after Spring Security (401 and 403 come first).
 */
class ApiAcceptHeader extends OncePerRequestFilter {

    private static final HeaderContentNegotiationStrategy SPRING_MVC_READING = new HeaderContentNegotiationStrategy();

    private final ObjectMapper json;

    ApiAcceptHeader(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            SPRING_MVC_READING.resolveMediaTypes(new ServletWebRequest(request));
        } catch (HttpMediaTypeNotAcceptableException unparseable) {
            String sent = String.join(", ", java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ApiExceptionHandler.problem(HttpStatus.BAD_REQUEST,
                    "Invalid header", "the Accept header '" + ApiProblem.cut(sent) + "' is not a valid list of"
                            + " media types; send Accept: application/json, or no Accept header", List.of()));
            return;
        }
        chain.doFilter(request, response);
    }
}
