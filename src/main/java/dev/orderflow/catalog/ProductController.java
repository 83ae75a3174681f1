package dev.orderflow.catalog;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import dev.orderflow.inventory.Product;
import dev.orderflow.inventory.Sku;
import dev.orderflow.system.ApiProblem;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.PageRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalog API (docs/api.md, Catalog): reads for roles {@code ORDER_API} and {@code STAFF}, writes for
 * {@code STAFF} (SecurityConfiguration). Products are never deleted: there is no DELETE (405).
 */
@Tag(name = "Catalog")
@RestController
@RequestMapping("/api/products")
class ProductController {

    static final String TEXT_CSV = "text/csv";

    private final CatalogService catalog;
    private final ProductImport reader;

    ProductController(CatalogService catalog, ProductImport reader) {
        this.catalog = catalog;
        this.reader = reader;
    }

    @Operation(summary = "Create or replace a product (role STAFF)",
            description = "PUT replaces the whole product: an omitted optional field takes its default"
                    + " (maxQuantityPerOrder 1000, active true). A new product starts with stock 0. Orders already"
                    + " placed keep the prices they were placed with.")
    @ApiResponse(responseCode = "200", description = "Replaced; the product as stored")
    @ApiResponse(responseCode = "201", description = "Created with stock 0; Location names the product",
            headers = @Header(name = "Location", description = "/api/products/{sku}", required = true,
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @PutMapping(path = "/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Product> put(
            @Parameter(description = Sku.DESCRIPTION, schema = @Schema(type = "string", pattern = Sku.PATTERN,
                    maxLength = Sku.MAX_LENGTH)) @PathVariable String sku,
            @RequestBody(required = false) ProductRequest request) {
        CatalogService.Saved saved = catalog.put(sku, request);
        return saved.created() ? ResponseEntity.created(URI.create("/api/products/" + sku)).body(saved.product())
                : ResponseEntity.ok(saved.product());
    }

    @Operation(summary = "One product")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @GetMapping("/{sku}")
    Product get(@Parameter(description = Sku.DESCRIPTION, schema = @Schema(type = "string",
            pattern = Sku.PATTERN, maxLength = Sku.MAX_LENGTH)) @PathVariable String sku) {
        Sku.checkPath(sku);
        return catalog.product(sku).orElseThrow(() -> ApiProblem.notFound("no product with SKU " + sku));
    }

    @Operation(summary = "A page of products, sorted by SKU")
    @ApiResponse(responseCode = "200", description = "The page")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @GetMapping
    PageRequest.Page<Product> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @Parameter(description = "only products for sale (true) or taken out of sale (false)",
                    schema = @Schema(type = "boolean")) @RequestParam(required = false) String active) {
        Boolean only = null;
        if (active != null) {
            if (!active.equals("true") && !active.equals("false")) {
                throw ApiProblem.invalid(List.of(new InvalidField("/active", "must be true or false")));
            }
            only = Boolean.valueOf(active);
        }
        return catalog.products(PageRequest.of(page, size), only);
    }

    @Operation(summary = "Create or replace many products at once (role STAFF)",
            description = "text/csv (a header row naming the fields, sku among them; UTF-8) or application/json"
                    + " (an array of products with sku). All rows or none, in one transaction; each row means what"
                    + " a PUT of it means. At most " + ProductImport.MAX_ROWS + " rows (the first row beyond is"
                    + " named); body at most 32 MiB. 400 lists one problem per bad cell, pointer /{row}/{field}"
                    + " (rows from 0, the CSV header not counted), the first " + ProductImport.MAX_REPORTED_ERRORS
                    + " of them; the detail says how many there were.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", example = "sku,name,unitPrice,"
                            + "weightGrams,lengthMm,widthMm,heightMm,binLocation\nMUG-ECO-01,\"Eco mug, bamboo fibre\","
                            + "12.50,320,120,90,100,A-01-03")),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = ProductRequest.class)))}))
    @ApiResponse(responseCode = "200", description = "Counts of created, updated and unchanged products")
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "403", ref = "#/components/responses/Forbidden")
    @ApiResponse(responseCode = "413", description = "The body is larger than 32 MiB",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @PostMapping(path = "/import", consumes = {TEXT_CSV, MediaType.APPLICATION_JSON_VALUE})
    CatalogService.ImportResult importProducts(HttpServletRequest request)
            throws IOException, HttpMediaTypeNotSupportedException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        Charset charset = type.getCharset();
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            // this constructor's own detail would be "Could not parse Content-Type", which is not what is wrong
            HttpMediaTypeNotSupportedException refused = new HttpMediaTypeNotSupportedException(type,
                    List.of(MediaType.parseMediaType(TEXT_CSV + ";charset=UTF-8"), MediaType.APPLICATION_JSON),
                    HttpMethod.POST);
            refused.getBody().setDetail("the import reads UTF-8 only, not " + charset.name());
            throw refused;
        }
        List<Product> products = type.isCompatibleWith(MediaType.APPLICATION_JSON)
                ? reader.readJson(request.getInputStream()) : reader.readCsv(request.getInputStream());
        return catalog.importAll(products);
    }
}
