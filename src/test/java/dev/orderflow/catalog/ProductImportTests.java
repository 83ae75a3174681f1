package dev.orderflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.orderflow.support.LocalRunTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Staff fill and update the catalog from a CSV file or a JSON array: all rows or none, one problem per bad cell
 * with its pointer, the counts of what changed.
 */
class ProductImportTests extends LocalRunTest {

    private static final String HEADER = "sku,name,unitPrice,weightGrams,lengthMm,widthMm,heightMm,binLocation";

    @Test
    void aCsvImportCreatesUpdatesAndCountsUnchangedRows() {
        // given: two products imported before
        String first = HEADER + "\nT-CSV-1,Cup,1.00,10,10,10,10,A-1\nT-CSV-2,Jug,2.00,20,20,20,20,A-2\n";
        assertThat(Products.importCsv(api.staff(), first).getBody())
                .isEqualTo(Map.of("created", 2, "updated", 0, "unchanged", 0));

        // when: one changed, one the same, one new (with the optional columns)
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(),
                HEADER + ",maxQuantityPerOrder,active\r\n"
                        + "T-CSV-1,Cup,1.50,10,10,10,10,A-1,,\r\n"
                        + "T-CSV-2,Jug,2.00,20,20,20,20,A-2,,true\r\n"
                        + "T-CSV-3,Pot,3.00,30,30,30,30,A-3,5,false\r\n");

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).isEqualTo(Map.of("created", 1, "updated", 1, "unchanged", 1));
        assertThat(product("T-CSV-1")).containsEntry("unitPrice", "1.50");
        assertThat(product("T-CSV-3")).containsEntry("maxQuantityPerOrder", 5).containsEntry("active", false);
        assertThat(api.stock("T-CSV-3")).containsEntry("onHand", 0);
    }

    @Test
    void quotedCsvFieldsKeepTheirCommasQuotesAndLineBreaksAndAByteOrderMarkIsTolerated() {
        // given: a file as spreadsheets write it
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "T-QUOTE-1,\"Mug, \"\"Eco\"\" edition\",4.00,10,10,10,10,\"B,1\"\r\n";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), csv);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(product("T-QUOTE-1")).containsEntry("name", "Mug, \"Eco\" edition").containsEntry("binLocation", "B,1");
    }

    @Test
    void aLineBreakInsideAQuotedNameIsRefusedAsInAPut() {
        // a name is one line; the CSV reads the quoted line break, the name's rule refuses it
        String csv = HEADER + "\nT-QUOTE-2,\"two\nlines\",4.00,10,10,10,10,B-1\n";

        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), csv);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/0/name");
    }

    @Test
    void aJsonImportCreatesUpdatesAndCountsUnchangedRows() {
        // given
        String product = """
                {"sku": "%s", "name": "Lamp", "unitPrice": "%s", "weightGrams": 900, "lengthMm": 300,
                 "widthMm": 200, "heightMm": 400, "binLocation": "D-1"%s}""";
        Products.importJson(api.staff(), "[" + product.formatted("T-JSON-1", "30.00", "") + ","
                + product.formatted("T-JSON-2", "31.00", "") + "]");

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), "["
                + product.formatted("T-JSON-1", "30.00", ", \"active\": true, \"maxQuantityPerOrder\": null") + ","
                + product.formatted("T-JSON-2", "32.00", "") + ","
                + product.formatted("T-JSON-3", "33.00", ", \"active\": false") + "]");

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).isEqualTo(Map.of("created", 1, "updated", 1, "unchanged", 1));
        assertThat(product("T-JSON-2")).containsEntry("unitPrice", "32.00");
        assertThat(product("T-JSON-3")).containsEntry("active", false);
    }

    @Test
    void oneBadRowChangesNothing() {
        // given: a product that exists
        Products.importCsv(api.staff(), HEADER + "\nT-ATOM-1,Cup,1.00,10,10,10,10,A-1\n");

        // when: an import that would update it and create another, but one row is bad
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), HEADER + "\n"
                + "T-ATOM-1,Cup,9.00,10,10,10,10,A-1\n"
                + "T-ATOM-2,Jug,2.00,20,20,20,20,A-2\n"
                + "T-ATOM-3,Pot,free,30,30,30,30,A-3\n");

        // then: nothing written
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/2/unitPrice");
        assertThat(product("T-ATOM-1")).containsEntry("unitPrice", "1.00");
        assertThat(Products.get(api.staff(), "/api/products/T-ATOM-2").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void everyBadCsvCellIsOneProblemWithItsPointer() {
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(),
                HEADER + ",maxQuantityPerOrder,active\n"
                        + "T-PTR-1,,0,0,10,10,10,A-1,,\n"
                        + "T-PTR-2,Jug,2.00,20,1000001,20,20,,1001,yes\n"
                        + "bad sku,Pot,3.00,30,30,30,30,A-3,,\n"
                        + "T-PTR-1,Cup,1.00,10,10,10,10,A-1,,\n"
                        + "T-PTR-5,Cup,1.00,10,10\n"
                        + "T-PTR-6,Cup,12.5.0,x,10,10,10,A-1,,\n");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactlyInAnyOrder(
                "/0/name", "/0/unitPrice", "/0/weightGrams",
                "/1/lengthMm", "/1/binLocation", "/1/maxQuantityPerOrder", "/1/active",
                "/2/sku", "/3/sku", "/4", "/5/unitPrice", "/5/weightGrams");
        assertThat(Products.detailAt(answer.getBody(), "/3/sku")).contains("row 0");
        assertThat((String) answer.getBody().get("detail")).contains("12 problems").contains("nothing was changed");
    }

    @Test
    void everyBadJsonMemberIsOneProblemWithItsPointer() {
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), """
                [ {"sku": "T-JPTR-1", "name": "Cup", "unitPrice": 1.5, "weightGrams": "10", "lengthMm": 10,
                   "widthMm": 10.5, "heightMm": 10, "binLocation": "A-1", "colour": "red", "a/b": 1},
                  "not a product",
                  {"name": "Cup", "unitPrice": "1.00", "weightGrams": 10, "lengthMm": 10, "widthMm": 10,
                   "heightMm": 10, "binLocation": "A-1", "active": "no"} ]""");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactlyInAnyOrder("/0/unitPrice", "/0/weightGrams",
                "/0/widthMm", "/0/colour", "/0/a~1b", "/1", "/2/sku", "/2/active");
    }

    @Test
    void unknownOrMissingColumnsAreNamed() {
        ResponseEntity<Map<String, Object>> unknown = Products.importCsv(api.staff(), HEADER + ",colour\n");
        ResponseEntity<Map<String, Object>> missing = Products.importCsv(api.staff(), "sku,name\nT-COL-1,Cup\n");
        ResponseEntity<Map<String, Object>> twice = Products.importCsv(api.staff(), HEADER + ",name\n");

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) unknown.getBody().get("detail")).contains("'colour'");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) missing.getBody().get("detail")).contains("'unitPrice'").contains("'binLocation'");
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) twice.getBody().get("detail")).contains("'name'");
    }

    @Test
    void aHeaderOfAHundredThousandUnknownColumnsIsRefusedInOneShortDetail() {
        // given: the header names 100,000 unknown columns, the first one of 10,000 characters
        StringBuilder header = new StringBuilder(HEADER).append(',').append("x".repeat(10_000));
        for (int i = 1; i < 100_000; i++) {
            header.append(",col").append(i);
        }

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), header + "\n");

        // then: the first 20 names, each cut to 64 characters, and a count of the others
        String detail = (String) answer.getBody().get("detail");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail).contains("'" + "x".repeat(64) + "...'").doesNotContain("x".repeat(65))
                .contains("'col19'").doesNotContain("'col20'").contains("and 99980 more");
        assertThat(detail.length()).isLessThan(2000);
        assertThat(answer.getBody()).doesNotContainKey("errors");
    }

    @Test
    void jsonTooDeeplyNestedIsRefusedInPlainWordsWithItsPlace() {
        // given: a row whose member nests 1001 arrays
        String body = "[{\"sku\": " + "[".repeat(1001) + "]".repeat(1001) + "}]";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), body);

        // then
        String detail = (String) answer.getBody().get("detail");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail).contains("nesting deeper than 1000 levels at line 1 column")
                .doesNotContain("StreamReadConstraints").doesNotContain("`").doesNotContain("()");
    }

    @Test
    void aNumberOrTrueForATextFieldIsRefusedNotStoredAsItsText() {
        // given: a JSON row whose SKU is a number, name a number and bin location true
        String body = """
                [ {"sku": 123, "name": 12, "unitPrice": "1.00", "weightGrams": 1, "lengthMm": 1, "widthMm": 1,
                   "heightMm": 1, "binLocation": true} ]""";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), body);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactlyInAnyOrder("/0/sku", "/0/name",
                "/0/binLocation");
        assertThat(Products.detailAt(answer.getBody(), "/0/name")).isEqualTo("must be a string");
        assertThat(Products.get(api.staff(), "/api/products/123").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aBodyThatIsNotUtf8IsRefused() {
        byte[] latin1 = (HEADER + "\nT-LATIN-1,Caf\u00e9,1.00,10,10,10,10,A-1\n").getBytes(StandardCharsets.ISO_8859_1);

        ResponseEntity<Map<String, Object>> csv = Products.importBody(api.staff(), "text/csv", latin1);
        ResponseEntity<Map<String, Object>> json = Products.importBody(api.staff(), "application/json",
                "[{\"sku\": \"Caf\u00e9\"}]".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) csv.getBody().get("detail")).contains("UTF-8");
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.get(api.staff(), "/api/products/T-LATIN-1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void malformedBodiesAreRefusedAsAWhole() {
        ResponseEntity<Map<String, Object>> notAnArray = Products.importJson(api.staff(), "{\"sku\": \"X\"}");
        ResponseEntity<Map<String, Object>> broken = Products.importJson(api.staff(), "[{\"sku\": ");
        ResponseEntity<Map<String, Object>> duplicateKey = Products.importJson(api.staff(),
                "[{\"sku\": \"A\", \"sku\": \"B\"}]");
        ResponseEntity<Map<String, Object>> unclosedQuote = Products.importCsv(api.staff(), HEADER + "\n\"T-Q,Cup\n");

        assertThat(notAnArray.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(duplicateKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unclosedQuote.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unclosedQuote.getHeaders().getContentType()).hasToString("application/problem+json");
        // in plain words, not the parser's ("EOF reached before encapsulated token finished")
        assertThat((String) unclosedQuote.getBody().get("detail"))
                .contains("a quoted field starting on line 2 of the file is never closed")
                .doesNotContain("EOF").doesNotContain("encapsulated");
    }

    @Test
    void aFileSentWithCurlDashDLosesItsLineBreaksAndIsToldToSendItUnchanged() {
        // given: what curl -d @file sends: the file with its line breaks dropped
        String file = HEADER + ",maxQuantityPerOrder,active\n"
                + "TEA-SENCHA-100,Sencha,6.90,100,80,60,120,C-2,,true\n"
                + "TEA-ASSAM-100,Assam,5.90,100,80,60,120,C-3,,true\n";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), file.replace("\n", ""));

        // then: a 400 that says what happened and what to do, and nothing stored
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) answer.getBody().get("detail")).contains("the file has no line breaks")
                .contains("send it unchanged (curl --data-binary @file, not -d)").contains("'activeTEA-SENCHA-100'")
                .doesNotContain("unknown column");
        assertThat(answer.getBody()).doesNotContainKey("errors");
        assertThat(Products.get(api.staff(), "/api/products/TEA-SENCHA-100").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aHeaderWithAnUnknownColumnAndNoRowsIsStillNamedAsUnknown() {
        // a column that merely starts like a field, in a file that has line breaks, is an unknown column
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), HEADER + ",skuOfSupplier\n");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) answer.getBody().get("detail")).contains("unknown column 'skuOfSupplier'");
    }

    @Test
    void aSemicolonSeparatedFileIsRefusedAndToldToExportCommaSeparated() {
        // given: a European Excel export
        String file = "\uFEFF" + HEADER.replace(',', ';') + "\r\nT-SEMI-1;Cup;1,00;10;10;10;10;A-1\r\n";

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), file);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) answer.getBody().get("detail"))
                .startsWith("the columns are separated by ';': export as comma-separated CSV (UTF-8)")
                .doesNotContain("unknown column");
        assertThat(Products.get(api.staff(), "/api/products/T-SEMI-1").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aLatin1FileIsToldWhichRowIsNotUtf8AndToSaveAsCsvUtf8() {
        // given: a Windows-1252 export; the first non-ASCII character is on row 2 (line 4 of the file)
        byte[] latin1 = (HEADER + "\nT-LAT-0,Cup,1.00,10,10,10,10,A-1\nT-LAT-1,Jug,1.00,10,10,10,10,A-1\n"
                + "T-LAT-2,Caf\u00e9 mug,1.00,10,10,10,10,A-1\n").getBytes(StandardCharsets.ISO_8859_1);

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importBody(api.staff(), "text/csv", latin1);

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) answer.getBody().get("detail")).contains("not well-formed UTF-8")
                .contains("row 2 (line 4 of the file)").contains("save the file as CSV UTF-8");
        assertThat(Products.get(api.staff(), "/api/products/T-LAT-0").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aLatin1FileBeyondTheFirstChunkNamesItsRowToo() {
        // given: 2,000 good rows (far beyond one read buffer), then a Latin-1 character on row 2000
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 2000; i++) {
            csv.append("T-LATB-").append(i).append(",Cup,1.00,10,10,10,10,A-1\n");
        }
        csv.append("T-LATB-X,Cr\u00e8me,1.00,10,10,10,10,A-1\n");

        ResponseEntity<Map<String, Object>> answer = Products.importBody(api.staff(), "text/csv",
                csv.toString().getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) answer.getBody().get("detail")).contains("row 2000 (line 2002 of the file)");
    }

    @Test
    void aFormOrNoContentTypeIs415NamingWhatIsAccepted() throws Exception {
        // given: curl's default for -d, and a request without any Content-Type
        ResponseEntity<Map<String, Object>> form = Products.importBody(api.staff(),
                "application/x-www-form-urlencoded", (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> none = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.getRootUri() + "/api/products/import"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString("staff:staff".getBytes(StandardCharsets.UTF_8)))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(HEADER + "\n")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat((String) form.getBody().get("detail")).isEqualTo("Content-Type"
                + " 'application/x-www-form-urlencoded' is not accepted here: send text/csv (UTF-8) or application/json");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.body()).contains("the request has no Content-Type: send text/csv (UTF-8) or application/json");
    }

    @Test
    void cellProblemsOfACsvSayHowRowsCountAndKeepTheirPointers() {
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(),
                HEADER + "\nT-ROWS-0,Cup,1.00,10,10,10,10,A-1\nT-ROWS-1,Jug,cheap,10,10,10,10,A-1\n");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/1/unitPrice");
        assertThat((String) answer.getBody().get("detail")).startsWith("/1/unitPrice ")
                .endsWith("rows count from 0 without the header: row i is line i+2 of the file)");
    }

    @Test
    void anotherContentTypeIs415() {
        assertThat(Products.importBody(api.staff(), "text/plain", "sku\n".getBytes()).getStatusCode())
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(Products.importBody(api.staff(), "text/csv;charset=ISO-8859-1", "sku\n".getBytes())
                .getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aCharsetOtherThanUtf8Is415SayingSo() {
        ResponseEntity<Map<String, Object>> answer = Products.importBody(api.staff(), "text/csv; charset=ISO-8859-1",
                (HEADER + "\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat((String) answer.getBody().get("detail")).isEqualTo("the import reads UTF-8 only, not ISO-8859-1");
    }

    @Test
    void moreThan100000RowsAreRefusedAtTheFirstRowBeyond() {
        // given: 100,001 rows
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i <= 100_000; i++) {
            csv.append("T-MANY-").append(i).append(",Cup,1.00,10,10,10,10,A-1\n");
        }

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), csv.toString());

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/100000");
        assertThat(Products.get(api.staff(), "/api/products/T-MANY-0").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aFileFullOfMistakesListsTheFirstThousandAndCountsAll() {
        // given: 1,500 rows with a bad price each
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 1500; i++) {
            csv.append("T-BAD-").append(i).append(",Cup,0,10,10,10,10,A-1\n");
        }

        // when
        ResponseEntity<Map<String, Object>> answer = Products.importCsv(api.staff(), csv.toString());

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).hasSize(1000).startsWith("/0/unitPrice");
        assertThat((String) answer.getBody().get("detail")).contains("1500 problems").contains("first 1000");
    }

    private Map<String, Object> product(String sku) {
        return Products.get(api.storefront(), "/api/products/" + sku).getBody();
    }
}
