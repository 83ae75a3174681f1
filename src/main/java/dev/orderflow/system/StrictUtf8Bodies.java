package dev.orderflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every request body our controllers read (JSON now, CSV later) passes the strict UTF-8 check of {@link Utf8}
 * on its way to the converter, once, as it is read. Raw bodies ({@code byte[]}) are left to their controller:
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
