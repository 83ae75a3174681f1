package dev.orderflow.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.orderflow.inventory.Product;
import dev.orderflow.inventory.Sku;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.Money;
import dev.orderflow.system.Text;
import dev.orderflow.system.Utf8;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Reads the body of {@code POST /api/products/import} into products, row by row, as a stream: CSV (a header row
 * naming the fields, {@code sku} among them, UTF-8 with or without a byte order mark; Apache Commons CSV, RFC 4180
 * quoting, empty lines skipped) or a JSON array of product objects (Jackson's streaming parser, one small tree per
 * row). Every row means what a PUT of it means: an empty CSV cell or an absent or null JSON member is an omitted
 * field. Every bad cell is one problem with the pointer {@code /{row}/{field}}, rows counted from 0 (the CSV
 * header not counted); a SKU that appeared on an earlier row is a problem at the later one. Only the first
 * {@value #MAX_REPORTED_ERRORS} problems are listed; the detail gives the total. Reading stops at the first row
 * beyond {@value #MAX_ROWS} with a problem pointing at it.
 */
@Component
class ProductImport {

    static final int MAX_ROWS = 100_000;
    static final int MAX_REPORTED_ERRORS = 1000;
    /** Unknown header names echoed in a refusal, and characters of each (the rest is counted, not shown). */
    static final int MAX_NAMED_COLUMNS = 20;
    static final int MAX_COLUMN_NAME = 64;
    /** The limit in a message of Jackson's {@code StreamReadConstraints}: "exceeds the maximum allowed (1000". */
    private static final Pattern LIMIT = Pattern.compile("maximum (?:allowed )?\\(?([0-9]+)");

    /** The fields of a product, in the order a CSV header lists them in our examples. */
    static final List<String> FIELDS = List.of("sku", "name", "unitPrice", "weightGrams", "lengthMm", "widthMm",
            "heightMm", "binLocation", "maxQuantityPerOrder", "active");
    private static final Set<String> REQUIRED = Set.of("sku", "name", "unitPrice", "weightGrams", "lengthMm",
            "widthMm", "heightMm", "binLocation");
    private static final Map<String, Integer> WHOLE_NUMBERS = Map.of("weightGrams", ProductRules.MAX_MEASURE,
            "lengthMm", ProductRules.MAX_MEASURE, "widthMm", ProductRules.MAX_MEASURE,
            "heightMm", ProductRules.MAX_MEASURE, "maxQuantityPerOrder", ProductRules.MAX_QUANTITY_PER_ORDER);
    private static final Set<String> TEXTS = Set.of("sku", "name", "binLocation");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /** The API's strict JSON reading (duplicate keys refused), one row's tree at a time: more rows follow it. */
    private final ObjectReader rowReader;

    ProductImport(ObjectMapper json) {
        this.rowReader = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The products of a CSV body.
     *
     * @throws ImportRefusedException for a body that is not UTF-8 or not CSV, a bad header, too many rows or bad cells
     * @throws IOException when the body cannot be read (the client went away, the size limit cut it)
     */
    List<Product> readCsv(InputStream body) throws IOException {
        LineCounter lines = new LineCounter(body);
        Reader reader = new BufferedReader(new InputStreamReader(Utf8.checking(lines), StandardCharsets.UTF_8));
        Rows rows = new Rows(true);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        } catch (IOException e) {
            throw unreadable(e, 0, "CSV", lines);
        }
        try (CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw ImportRefusedException.invalid("the CSV is empty: its first row names the fields, "
                        + String.join(",", FIELDS));
            }
            List<String> header = checkedHeader(records.next(), records);
            while (records.hasNext()) {
                CSVRecord record = records.next();
                Row row = rows.next();
                if (record.size() != header.size()) {
                    row.problem("", "has " + record.size() + " fields, the header names " + header.size());
                } else {
                    for (int column = 0; column < header.size(); column++) {
                        String cell = record.get(column);
                        row.cell(header.get(column), cell.isEmpty() ? null : cell);
                    }
                }
                rows.add(row);
            }
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause(), rows.count(), "CSV", lines);
        } catch (ImportRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(e, rows.count(), "CSV", lines);
        }
        return rows.products();
    }

    /**
     * The products of a JSON body: an array of product objects.
     *
     * @throws ImportRefusedException for a body that is not UTF-8 or not such an array, too many rows or bad cells
     * @throws IOException when the body cannot be read (the client went away, the size limit cut it)
     */
    List<Product> readJson(InputStream body) throws IOException {
        Rows rows = new Rows(false);
        LineCounter lines = new LineCounter(body);
        try (JsonParser parser = rowReader.createParser(Utf8.checking(lines))) {
            try {
                readRows(parser, rows);
            } catch (JsonProcessingException e) {
                throw ImportRefusedException.malformed("the body is not valid JSON (in row "
                        + Math.max(0, rows.count() - 1) + "): " + syntaxProblem(e, parser.currentLocation()));
            }
        } catch (ImportRefusedException e) {
            throw e;
        } catch (IOException e) {
            throw unreadable(e, rows.count(), "JSON", lines);
        }
        return rows.products();
    }

    private void readRows(JsonParser parser, Rows rows) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw ImportRefusedException.malformed("the body must be a JSON array of products");
        }
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw ImportRefusedException.malformed("the JSON array is not closed");
            }
            Row row = rows.next();
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                row.problem("", "must be an object");
            } else {
                JsonNode product = rowReader.readTree(parser);
                product.fields().forEachRemaining(member -> {
                    if (!FIELDS.contains(member.getKey())) {
                        row.problem("/" + escape(member.getKey()), "unknown field");
                    } else {
                        row.member(member.getKey(), member.getValue());
                    }
                });
            }
            rows.add(row);
        }
        if (parser.nextToken() != null) {
            throw ImportRefusedException.malformed("the body holds something after the JSON array");
        }
    }

    private static ImportRefusedException unreadable(Throwable cause, int row, String format, LineCounter lines)
            throws IOException {
        if (cause instanceof Utf8.MalformedException malformed) {
            return ImportRefusedException.malformed(notUtf8(malformed, lines.lineOf(malformed.offset()), format));
        }
        if (cause instanceof IOException io && io.getClass().getName().startsWith("org.apache.commons.csv")) {
            return ImportRefusedException.malformed("the body is not valid " + format + " (row " + row + "): "
                    + csvProblem(io.getMessage()) + "; nothing was changed");
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        throw new IllegalStateException(cause);
    }

    private static final java.util.regex.Pattern UNCLOSED_QUOTE = java.util.regex.Pattern.compile(
            "\\(startline (\\d+)\\) EOF reached before encapsulated token finished");
    private static final java.util.regex.Pattern TEXT_AFTER_QUOTE = java.util.regex.Pattern.compile(
            "Invalid character between encapsulated token and delimiter at line: (\\d+).*", java.util.regex.Pattern.DOTALL);

    /** Commons CSV's words ("EOF reached before encapsulated token finished") in a spreadsheet user's words. */
    static String csvProblem(String parserMessage) {
        String message = parserMessage == null ? "" : parserMessage;
        java.util.regex.Matcher unclosed = UNCLOSED_QUOTE.matcher(message);
        if (unclosed.find()) {
            return "a quoted field starting on line " + unclosed.group(1) + " of the file is never closed (a '\"'"
                    + " opens it and no '\"' ends it; a quote inside a quoted field is written '\"\"')";
        }
        java.util.regex.Matcher textAfter = TEXT_AFTER_QUOTE.matcher(message);
        if (textAfter.find()) {
            return "a quoted field on line " + textAfter.group(1) + " of the file has text after its closing '\"'"
                    + " (a quote inside a quoted field is written '\"\"')";
        }
        return message;
    }

    /**
     * Where a body that is not UTF-8 goes wrong, and what to do: a spreadsheet saved as Latin-1 or Windows-1252
     * ("Caf\u00e9" as the byte E9) is the usual cause. The row is told from the line, as a spreadsheet shows it:
     * row i (rows from 0 without the header) is line i + 2 of the file when no cell holds a line break.
     */
    static String notUtf8(Utf8.MalformedException malformed, long line, String format) {
        String where = !format.equals("CSV") ? "line " + line + " of the body"
                : line == 1 ? "the header (line 1 of the file)"
                : "row " + (line - 2) + " (line " + line + " of the file)";
        return malformed.getMessage() + ", in " + where + "; " + (format.equals("CSV")
                ? "save the file as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8 (Comma delimited)\")"
                : "send the JSON encoded as UTF-8") + "; nothing was changed";
    }

    /**
     * What is wrong with the JSON and where, in plain words: the parser's own messages may name its classes and
     * settings ("from `StreamReadConstraints.getMaxNestingDepth()`"), which mean nothing to a client.
     */
    static String syntaxProblem(JsonProcessingException e, JsonLocation parserAt) {
        String message = String.valueOf(e.getOriginalMessage());
        String problem;
        if (e instanceof StreamConstraintsException) {
            Matcher limit = LIMIT.matcher(message);
            String max = limit.find() ? " " + limit.group(1) : "";
            problem = message.contains("nesting depth") ? "nesting deeper than" + max + " levels"
                    : message.contains("Number") ? "a number longer than" + max + " digits"
                    : message.contains("String") || message.contains("Name") ? "a text longer than" + max
                    + " characters" : "beyond the size limits of a JSON body";
        } else {
            // the parser's description of the token ("Unexpected character ('}' (code 125))"), without any name
            // between backticks, on one line, at most 200 characters
            problem = message.replaceAll("\\s*\\(from `[^`]*`\\)", "").replaceAll("`[^`]*`", "a value")
                    .replaceAll("\\s+", " ").strip();
            problem = problem.length() > 200 ? problem.substring(0, 200) + "..." : problem;
        }
        // a limit's exception has no location of its own: then where the parser stopped
        JsonLocation where = e.getLocation() != null ? e.getLocation() : parserAt;
        return where == null || where.getLineNr() < 1 ? problem
                : problem + " at line " + where.getLineNr() + " column " + where.getColumnNr();
    }

    /**
     * The header's field names, or a refusal naming what is wrong with them. Two mistakes of people exporting a
     * spreadsheet get their own answer: a file sent with {@code curl -d}, which drops the line breaks (the header
     * row then runs into the products: {@code activeTEA-SENCHA-100}), and a file separated by {@code ;}.
     */
    private static List<String> checkedHeader(CSVRecord record, Iterator<CSVRecord> more) {
        List<String> header = record.toList();
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String name : header) {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            } else if (!seen.add(name)) {
                twice.add(name);
            }
        }
        if (!unknown.isEmpty() && separatedBySemicolons(unknown)) {
            throw ImportRefusedException.invalid("the columns are separated by ';': export as comma-separated CSV"
                    + " (UTF-8), for example Excel's \"CSV UTF-8 (Comma delimited)\"; nothing was changed");
        }
        Optional<String> glued = unknown.stream().filter(ProductImport::startsWithAField).findFirst();
        // more cells than a product has fields, and nothing after the header: one line that was many
        if (glued.isPresent() && header.size() > FIELDS.size() && !more.hasNext()) {
            throw ImportRefusedException.invalid("the file has no line breaks (the header runs into the first"
                    + " product: " + quoted(Set.of(glued.get())) + "): send it unchanged (curl --data-binary @file,"
                    + " not -d); nothing was changed");
        }
        if (!unknown.isEmpty()) {
            throw ImportRefusedException.invalid("unknown column" + (unknown.size() > 1 ? "s " : " ")
                    + quoted(unknown) + " in the header; the fields are " + String.join(", ", FIELDS));
        }
        if (!twice.isEmpty()) {
            throw ImportRefusedException.invalid("the header names " + quoted(twice) + " more than once");
        }
        Set<String> missing = new LinkedHashSet<>(FIELDS);
        missing.removeAll(seen);
        missing.retainAll(REQUIRED);
        if (!missing.isEmpty()) {
            throw ImportRefusedException.invalid("the header lacks the required column"
                    + (missing.size() > 1 ? "s " : " ") + quoted(missing));
        }
        return header;
    }

    /** A header cell such as {@code sku;name;unitPrice}: known field names joined by semicolons. */
    private static boolean separatedBySemicolons(Set<String> unknown) {
        return unknown.stream().anyMatch(name -> name.contains(";")
                && java.util.Arrays.stream(name.split(";")).map(String::strip).filter(FIELDS::contains).count() >= 2);
    }

    /** A header cell such as {@code activeTEA-SENCHA-100}: a field name with the next line glued to it. */
    private static boolean startsWithAField(String name) {
        return FIELDS.stream().anyMatch(field -> name.length() > field.length() && name.startsWith(field));
    }

    /**
     * The names, quoted, for a detail: the first {@value #MAX_NAMED_COLUMNS}, each cut to
     * {@value #MAX_COLUMN_NAME} characters, and how many more there are, so that a header of 100,000 unknown
     * columns is refused in one line and not in a megabyte.
     */
    static String quoted(Set<String> names) {
        List<String> shown = names.stream().limit(MAX_NAMED_COLUMNS).map(name -> "'" + (Text.length(name)
                > MAX_COLUMN_NAME ? name.substring(0, name.offsetByCodePoints(0, MAX_COLUMN_NAME)) + "..." : name)
                + "'").toList();
        return String.join(", ", shown) + (names.size() > shown.size()
                ? " and " + (names.size() - shown.size()) + " more" : "");
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The rows read so far: valid products, and the problems found (the first ones kept, all counted). */
    private static final class Rows {
        private final boolean csv;
        private final List<Product> products = new ArrayList<>();
        private final Map<String, Integer> rowOfSku = new HashMap<>();
        private final List<InvalidField> problems = new ArrayList<>();
        private int problemCount;
        private int count;

        Rows(boolean csv) {
            this.csv = csv;
        }

        int count() {
            return count;
        }

        /** The next row; refuses the import when it would be one too many. */
        Row next() {
            if (count >= MAX_ROWS) {
                throw new ImportRefusedException("an import holds at most " + MAX_ROWS + " rows; split the file",
                        List.of(new InvalidField("/" + count, "is beyond the limit of " + MAX_ROWS + " rows")), false);
            }
            return new Row(count++);
        }

        void add(Row row) {
            row.finish(rowOfSku).ifPresent(products::add);
            for (InvalidField problem : row.problems) {
                problemCount++;
                if (problems.size() < MAX_REPORTED_ERRORS) {
                    problems.add(problem);
                }
            }
        }

        List<Product> products() {
            if (problemCount > 0) {
                String detail = problemCount == 1 ? problems.get(0).pointer() + " " + problems.get(0).detail()
                        : problemCount + " problems in the import" + (problemCount > problems.size()
                        ? "; the first " + problems.size() + " are listed" : "");
                // a spreadsheet numbers lines from 1 with the header on line 1
                String rowsAre = csv ? " (rows count from 0 without the header: row i is line i+2 of the file)" : "";
                throw new ImportRefusedException(detail + "; nothing was changed" + rowsAre, problems, false);
            }
            return products;
        }
    }

    /** One row being read: its fields as far as they could be read, and its problems. */
    private static final class Row {
        private final int index;
        private final String prefix;
        private final Map<String, Object> values = new HashMap<>();
        private final Set<String> unreadable = new HashSet<>();
        private final List<InvalidField> problems = new ArrayList<>();
        /** The row as a whole is wrong (not an object, the wrong number of cells): its fields are not checked. */
        private boolean shapeless;

        Row(int index) {
            this.index = index;
            this.prefix = "/" + index;
        }

        void problem(String pointer, String detail) {
            shapeless |= pointer.isEmpty();
            problems.add(new InvalidField(prefix + pointer, detail));
        }

        private void bad(String field, String detail) {
            unreadable.add(field);
            problem("/" + field, detail);
        }

        /** A CSV cell, {@code null} when empty. */
        void cell(String field, String text) {
            if (text == null) {
                return;
            }
            if (TEXTS.contains(field)) {
                values.put(field, text);
            } else if (field.equals("unitPrice")) {
                Money.parse(text).ifPresentOrElse(amount -> values.put(field, amount), () -> bad(field, Money.FORMAT));
            } else if (field.equals("active")) {
                if (text.equals("true") || text.equals("false")) {
                    values.put(field, Boolean.valueOf(text));
                } else {
                    bad(field, "must be true or false");
                }
            } else if (DIGITS.matcher(text).matches()) {
                values.put(field, Integer.valueOf(text));
            } else {
                bad(field, wholeNumber(field) + (INTEGER.matcher(text).matches() ? "" : ", written in digits only"));
            }
        }

        /** A JSON member; null stands for an omitted field. */
        void member(String field, JsonNode value) {
            if (value.isNull()) {
                return;
            }
            if (TEXTS.contains(field)) {
                if (value.isTextual()) {
                    values.put(field, value.textValue());
                } else {
                    // as a PUT and an order read it: 123 or true is not taken for "123" or "true"
                    bad(field, "must be a string");
                }
            } else if (field.equals("unitPrice")) {
                Optional<BigDecimal> amount = value.isTextual() ? Money.parse(value.textValue()) : Optional.empty();
                amount.ifPresentOrElse(a -> values.put(field, a), () -> bad(field, Money.FORMAT));
            } else if (field.equals("active")) {
                if (value.isBoolean()) {
                    values.put(field, value.booleanValue());
                } else {
                    bad(field, "must be true or false");
                }
            } else if (value.isIntegralNumber() && value.canConvertToInt()) {
                values.put(field, value.intValue());
            } else {
                bad(field, wholeNumber(field));
            }
        }

        private static String wholeNumber(String field) {
            return "must be a whole number from 1 to " + WHOLE_NUMBERS.get(field);
        }

        /** The row's product when everything in it is right; its problems otherwise. */
        Optional<Product> finish(Map<String, Integer> rowOfSku) {
            if (shapeless) {
                return Optional.empty();
            }
            ProductRequest request = new ProductRequest((String) values.get("sku"), (String) values.get("name"),
                    (BigDecimal) values.get("unitPrice"), (Integer) values.get("weightGrams"),
                    (Integer) values.get("lengthMm"), (Integer) values.get("widthMm"),
                    (Integer) values.get("heightMm"), (String) values.get("binLocation"),
                    (Integer) values.get("maxQuantityPerOrder"), (Boolean) values.get("active"));
            if (!unreadable.contains("sku")) {
                Optional<String> skuProblem = Sku.problem(request.sku());
                if (skuProblem.isPresent()) {
                    problem("/sku", skuProblem.get());
                } else {
                    Integer earlier = rowOfSku.putIfAbsent(request.sku(), index);
                    if (earlier != null) {
                        problem("/sku", "appears on row " + earlier + " already");
                    }
                }
            }
            ProductRules.check(request, prefix, unreadable, problems);
            return problems.isEmpty() ? Optional.of(ProductRules.toProduct(request.sku(), request)) : Optional.empty();
        }
    }

    /**
     * Counts the line feeds a body passes on, so that a byte offset can be told as a line: only the line feeds
     * before the current chunk and the chunk itself are kept (an offset the UTF-8 check reports lies in the last
     * chunk read, or in the at most 3 bytes of a sequence started before it, which hold no line feed).
     */
    private static final class LineCounter extends java.io.FilterInputStream {
        private long chunkStart;
        private long feedsBeforeChunk;
        private byte[] chunk = new byte[0];
        private int chunkLength;

        LineCounter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            feedsBeforeChunk += feeds(chunk, chunkLength);
            chunkStart += chunkLength;
            chunkLength = 0;
            int n = in.read(b, off, len);
            if (n > 0) {
                if (chunk.length < n) {
                    chunk = new byte[n];
                }
                System.arraycopy(b, off, chunk, 0, n);
                chunkLength = n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** The line (from 1) of the byte at {@code offset}. */
        long lineOf(long offset) {
            return 1 + feedsBeforeChunk + feeds(chunk, (int) Math.max(0, Math.min(chunkLength, offset - chunkStart)));
        }

        private static int feeds(byte[] bytes, int length) {
            int count = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    count++;
                }
            }
            return count;
        }
    }
}
