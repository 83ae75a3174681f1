package dev.orderflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every request body our controllers read as JSON passes the strict UTF-8 check of {@link Utf8} on its way to
 * the converter, once, as it is read; a Content-Type naming another charset is 415 before anything is read. Raw bodies ({@code byte[]}) are left to their controller:
 * the courier webhook checks its signature first (401 before 400) and then the bytes with {@link Utf8}.
 */
@ControllerAdvice(basePackages = "dev.orderflow")
class StrictUtf8Bodies extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType != byte[].class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        // the bytes are checked as UTF-8, and the converter would decode them in the declared charset: a body sent
        // as ISO-8859-1 would be stored garbled ("CafÃ©"), so another charset is refused before anything is read
        MediaType type = message.getHeaders().getContentType();
        Charset charset = type == null ? null : type.getCharset();
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            throw ApiProblem.unsupportedMediaType("the API reads UTF-8 only, not " + charset.name()
                    + ": send the body in UTF-8 (or without a charset parameter)");
        }
        InputStream checked = Utf8.checking(message.getBody());
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return checked;
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }
}
