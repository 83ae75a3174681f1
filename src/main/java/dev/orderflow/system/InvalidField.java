package dev.orderflow.system;

/**
 * One problem with one part of a request, located by an RFC 6901 JSON Pointer ({@code /lines/0/sku}) and said
 * in words ({@code detail}). Plain data: services use it in their exceptions, the API shows it in a problem's
 * {@code errors}.
 */
public record InvalidField(String pointer, String detail) {
}
