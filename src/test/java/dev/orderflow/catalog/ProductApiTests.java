package dev.orderflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.orderflow.support.LocalRunTest;
import dev.orderflow.support.OrderflowApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Staff create, replace and read products; storefronts read them; every field's rule with its pointer. */
class ProductApiTests extends LocalRunTest {

    @Test
    void aNewProductIsCreatedWithStockZeroAndItsDefaults() {
        // when
        ResponseEntity<Map<String, Object>> created = Products.put(api.staff(), "T-NEW-1",
                Products.body("Bamboo cup", "12.5", ""));

        // then: 201 with Location, the product with its defaults, and stock 0
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/products/T-NEW-1");
        assertThat(created.getBody()).containsEntry("sku", "T-NEW-1").containsEntry("name", "Bamboo cup")
                .containsEntry("unitPrice", "12.50").containsEntry("weightGrams", 320)
                .containsEntry("binLocation", "A-01-03").containsEntry("maxQuantityPerOrder", 1000)
                .containsEntry("active", true);
        assertThat(api.stock("T-NEW-1")).containsEntry("onHand", 0).containsEntry("reserved", 0)
                .containsEntry("unitPrice", "12.50");
        assertThat(Products.get(api.storefront(), "/api/products/T-NEW-1").getBody()).isEqualTo(created.getBody());
    }

    @Test
    void aPutReplacesTheWholeProductAndKeepsItsStock() {
        // given: a product with stock and non-default options
        Products.put(api.staff(), "T-REPLACE-1", Products.body("Old name", "5.00",
                ", \"maxQuantityPerOrder\": 3, \"active\": false"));
        api.restock("T-REPLACE-1", 7);

        // when: replaced without the optional fields
        ResponseEntity<Map<String, Object>> replaced = Products.put(api.staff(), "T-REPLACE-1",
                Products.body("New name", "6.00", ", \"sku\": \"T-REPLACE-1\""));

        // then: 200, the omitted fields at their defaults, stock untouched
        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replaced.getHeaders().getLocation()).isNull();
        assertThat(Products.get(api.storefront(), "/api/products/T-REPLACE-1").getBody())
                .containsEntry("name", "New name").containsEntry("unitPrice", "6.00")
                .containsEntry("maxQuantityPerOrder", 1000).containsEntry("active", true);
        assertThat(api.stock("T-REPLACE-1")).containsEntry("onHand", 7);
    }

    @Test
    void anUnknownProductIs404() {
        ResponseEntity<Map<String, Object>> answer = Products.get(api.storefront(), "/api/products/NO-SUCH-SKU");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theListIsSortedBySkuPagedAndFilteredByActive() {
        // given
        Products.put(api.staff(), "T-LIST-B", Products.body("B", "1.00", ", \"active\": false"));
        Products.put(api.staff(), "T-LIST-A", Products.body("A", "1.00", ", \"active\": false"));

        // when
        Map<String, Object> inactive = Products.get(api.storefront(), "/api/products?active=false&size=200").getBody();
        Map<String, Object> firstTwo = Products.get(api.storefront(), "/api/products?page=0&size=2").getBody();
        Map<String, Object> all = Products.get(api.staff(), "/api/products?size=200").getBody();

        // then
        List<Map<String, Object>> items = (List<Map<String, Object>>) inactive.get("items");
        assertThat(items).allSatisfy(item -> assertThat(item).containsEntry("active", false));
        List<String> skus = items.stream().map(item -> (String) item.get("sku")).toList();
        assertThat(skus).contains("T-LIST-A", "T-LIST-B").isSorted();
        assertThat(inactive).containsEntry("page", 0).containsEntry("size", 200)
                .containsEntry("total", items.size());
        assertThat((List<?>) firstTwo.get("items")).hasSize(2);
        assertThat(((Number) all.get("total")).intValue()).isGreaterThan(items.size());
        assertThat(((List<Map<String, Object>>) all.get("items")).stream().map(item -> (String) item.get("sku"))
                .toList()).isSorted().contains("MUG-ECO-01", "T-LIST-A");
    }

    @Test
    void badListParametersAreNamed() {
        ResponseEntity<Map<String, Object>> answer = Products.get(api.storefront(), "/api/products?active=yes&size=0");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).contains("/active");
    }

    @Test
    void writesAreForStaffAndEveryCallNeedsCredentials() {
        String body = Products.body("Cup", "1.00", "");

        assertThat(Products.put(api.storefront(), "T-ROLE-1", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Products.importCsv(api.storefront(), "sku\n").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Products.put(http, "T-ROLE-1", body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(Products.get(http, "/api/products").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(Products.get(http, "/api/products/MUG-ECO-01").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // a storefront with an invalid body still learns about its role first
        assertThat(Products.put(api.storefront(), "bad sku", "{}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Products.get(api.storefront(), "/api/products/T-ROLE-1").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aStorefrontCallingAStaffEndpointIsToldWhichRoleItNeeds() {
        // when: the storefront user (role ORDER_API) imports, restocks and reads metrics
        ResponseEntity<Map<String, Object>> importing = Products.importCsv(api.storefront(), "sku\n");
        ResponseEntity<Map<String, Object>> restocking = api.storefront().exchange(
                "/api/inventory/MUG-ECO-01/restock", HttpMethod.POST, null, OrderflowApi.JSON_OBJECT);
        ResponseEntity<Map<String, Object>> metrics = Products.get(api.storefront(), "/actuator/metrics");

        // then: 403 Problem Details naming the role needed and the roles the user has
        for (ResponseEntity<Map<String, Object>> answer : List.of(importing, restocking, metrics)) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(answer.getBody()).containsEntry("detail",
                    "this endpoint needs role STAFF; your API user has ORDER_API");
        }
    }

    @Test
    void productsAreNeverDeleted() {
        ResponseEntity<Map<String, Object>> answer = api.staff().exchange("/api/products/MUG-ECO-01",
                HttpMethod.DELETE, null, OrderflowApi.JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(Products.get(api.storefront(), "/api/products/MUG-ECO-01").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aNumberOrTrueForATextFieldIsRefusedNotStoredAsItsText() {
        ResponseEntity<Map<String, Object>> name = Products.put(api.staff(), "T-TYPES-1",
                Products.body("x", "1.00", "").replace("\"name\": \"x\"", "\"name\": 12"));
        ResponseEntity<Map<String, Object>> bin = Products.put(api.staff(), "T-TYPES-1",
                Products.body("x", "1.00", "").replace("\"A-01-03\"", "true"));

        assertThat(name.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.detailAt(name.getBody(), "/name")).isEqualTo("must be a string");
        assertThat(bin.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.detailAt(bin.getBody(), "/binLocation")).isEqualTo("must be a string");
        assertThat(Products.get(api.staff(), "/api/products/T-TYPES-1").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void spacesAroundANameAreKeptAsTheOrderApiKeepsThem() {
        ResponseEntity<Map<String, Object>> answer = Products.put(api.staff(), "T-SPACES-1",
                Products.body(" Mug ", "1.00", "").replace("\"A-01-03\"", "\" A-01 \""));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getBody()).containsEntry("name", " Mug ").containsEntry("binLocation", " A-01 ");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        ResponseEntity<String> answer = api.staff().exchange("/api/products/T-TEXT-1", HttpMethod.PUT,
                new org.springframework.http.HttpEntity<>("name=x", textPlain()), String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void aMissingBodyNamesEveryRequiredField() {
        ResponseEntity<Map<String, Object>> answer = api.staff().exchange("/api/products/T-EMPTY-1", HttpMethod.PUT,
                OrderflowApi.json(""), OrderflowApi.JSON_OBJECT);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactlyInAnyOrder("/name", "/unitPrice",
                "/weightGrams", "/lengthMm", "/widthMm", "/heightMm", "/binLocation");
    }

    private static org.springframework.http.HttpHeaders textPlain() {
        var headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.TEXT_PLAIN);
        return headers;
    }

    /** A field set to a raw JSON value (null: left out), and whether the product is then refused. */
    static Stream<Arguments> fieldRules() {
        String emoji = "\uD83C\uDF75";
        return Stream.of(
                bad("name", "\"\""), bad("name", "\"   \""), bad("name", "\"\u200B\""), bad("name", null),
                bad("name", "\"" + emoji.repeat(201) + "\""), good("name", "\"" + emoji.repeat(200) + "\""),
                bad("name", "\"line\\nbreak\""), bad("name", "[\"Cup\"]"),
                bad("unitPrice", "\"0\""), bad("unitPrice", "\"0.00\""), bad("unitPrice", "12.5"),
                bad("unitPrice", "\"-1\""), bad("unitPrice", "\"1e2\""), bad("unitPrice", "\"012.50\""),
                bad("unitPrice", "\"12.505\""), bad("unitPrice", "\" 12.50\""), bad("unitPrice", "\"1000000\""),
                bad("unitPrice", null), good("unitPrice", "\"0.01\""), good("unitPrice", "\"999999.99\""),
                good("unitPrice", "\"7\""),
                bad("weightGrams", "0"), bad("weightGrams", "1000001"), bad("weightGrams", "\"5\""),
                bad("weightGrams", "2.5"), bad("weightGrams", null), good("weightGrams", "1"),
                good("weightGrams", "1000000"),
                bad("lengthMm", "0"), bad("lengthMm", "-3"), good("lengthMm", "1000000"),
                bad("widthMm", "1000001"), good("widthMm", "1"),
                bad("heightMm", "0"), bad("heightMm", null), good("heightMm", "1000000"),
                bad("binLocation", "\"\""), bad("binLocation", "\"" + "B".repeat(33) + "\""),
                good("binLocation", "\"" + "B".repeat(32) + "\""), good("binLocation", "\"" + emoji.repeat(32) + "\""),
                bad("binLocation", null),
                bad("maxQuantityPerOrder", "0"), bad("maxQuantityPerOrder", "1001"), good("maxQuantityPerOrder", "1"),
                good("maxQuantityPerOrder", "1000"), good("maxQuantityPerOrder", null),
                bad("active", "\"yes\""), bad("active", "1"), good("active", "false"), good("active", null),
                bad("colour", "\"green\""),
                bad("sku", "\"OTHER-SKU\""), good("sku", "\"T-RULES-1\""));
    }

    private static Arguments bad(String field, String json) {
        return Arguments.of(field, json, false);
    }

    private static Arguments good(String field, String json) {
        return Arguments.of(field, json, true);
    }

    @ParameterizedTest(name = "{0} = {1}: accepted {2}")
    @MethodSource("fieldRules")
    void everyFieldFollowsItsRule(String field, String json, boolean accepted) {
        // given: a valid product with one field changed
        Map<String, String> members = new LinkedHashMap<>(Map.of("name", "\"Cup\"", "unitPrice", "\"4.50\"",
                "weightGrams", "100", "lengthMm", "100", "widthMm", "100", "heightMm", "100",
                "binLocation", "\"A-1\""));
        if (json == null) {
            members.remove(field);
        } else {
            members.put(field, json);
        }
        String body = members.entrySet().stream().map(m -> "\"" + m.getKey() + "\": " + m.getValue())
                .collect(Collectors.joining(", ", "{", "}"));

        // when
        ResponseEntity<Map<String, Object>> answer = Products.put(api.staff(), "T-RULES-1", body);

        // then
        if (accepted) {
            assertThat(answer.getStatusCode().is2xxSuccessful()).as(String.valueOf(answer.getBody())).isTrue();
        } else {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(Products.pointers(answer.getBody())).containsExactly("/" + field);
        }
    }

    static Stream<Arguments> skus() {
        return Stream.of(Arguments.of("S".repeat(64), true), Arguments.of("a.b_c-D9", true),
                Arguments.of("S".repeat(65), false), Arguments.of("MUG X", false), Arguments.of("MUG+X", false),
                Arguments.of("M\u00dcG", false),
                Arguments.of("9-LIVES", true), Arguments.of("-MUG", true), Arguments.of("_MUG", true),
                Arguments.of(".MUG", true), Arguments.of("a..b", true));
    }

    @ParameterizedTest(name = "{0}: accepted {1}")
    @MethodSource("skus")
    void theSkuInThePathFollowsItsRule(String sku, boolean accepted) {
        ResponseEntity<Map<String, Object>> answer = Products.put(api.staff(), sku, Products.body("Cup", "1.00", ""));

        if (accepted) {
            assertThat(answer.getStatusCode().is2xxSuccessful()).isTrue();
        } else {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(Products.pointers(answer.getBody())).containsExactly("/sku");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {".", ".."})
    void theTwoSkusNoUrlCanNameAreRefusedInAnImport(String sku) {
        // (a PUT cannot even send them: every URL library removes dot-segments before the request leaves)
        ResponseEntity<Map<String, Object>> answer = Products.importJson(api.staff(), "[{\"sku\": \"" + sku + "\","
                + " \"name\": \"Cup\", \"unitPrice\": \"1.00\", \"weightGrams\": 320, \"lengthMm\": 120,"
                + " \"widthMm\": 90, \"heightMm\": 100, \"binLocation\": \"A-01-03\"}]");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(Products.pointers(answer.getBody())).containsExactly("/0/sku");
        assertThat(Products.detailAt(answer.getBody(), "/0/sku")).contains("URL");
    }
}
