package dev.orderflow.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.orderflow.inventory.Product;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.InvalidRequestException;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.RetryingTransactions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalog: products are created and replaced whole (a PUT, an import row), read one by one or a page at a
 * time, and never deleted (orders and stock refer to them). A new product gets its stock row (0 on hand, 0
 * reserved) in the same transaction. Prices of orders already placed are the orders' own and do not change.
 */
@Service
public class CatalogService {

    /** What a PUT did: the product as stored, and whether it was new. */
    public record Saved(Product product, boolean created) {
    }

    /** What an import did, row by row: new products, changed ones, and rows equal to what was stored. */
    public record ImportResult(int created, int updated, int unchanged) {
    }

    private final CatalogRepository repository;
    private final RetryingTransactions retrying;

    CatalogService(CatalogRepository repository, RetryingTransactions retrying) {
        this.repository = repository;
        this.retrying = retrying;
    }

    /**
     * Creates or replaces the product {@code sku}; omitted optional fields take their defaults.
     *
     * @throws InvalidRequestException naming {@code /sku} and each bad field of the body
     */
    public Saved put(String sku, ProductRequest request) {
        ProductRequest body = request == null ? new ProductRequest(null, null, null, null, null, null, null, null,
                null, null) : request;
        List<InvalidField> errors = new ArrayList<>();
        ProductRules.skuProblem(sku).ifPresent(detail -> errors.add(new InvalidField("/sku", detail)));
        if (errors.isEmpty() && body.sku() != null && !body.sku().equals(sku)) {
            errors.add(new InvalidField("/sku", "must be the SKU in the path, " + sku));
        }
        ProductRules.check(body, "", java.util.Set.of(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Product product = ProductRules.toProduct(sku, body);
        try {
            return retrying.execute(() -> save(product));
        } catch (DuplicateKeyException raced) {
            // another request created it a moment ago: this one replaces it
            return retrying.execute(() -> save(product));
        }
    }

    private Saved save(Product product) {
        Optional<Product> stored = repository.findForUpdate(product.sku());
        if (stored.isEmpty()) {
            repository.insert(List.of(product));
            return new Saved(product, true);
        }
        if (!stored.get().equals(product)) {
            repository.update(List.of(product));
        }
        return new Saved(product, false);
    }

    /** The product {@code sku}, or empty when the catalog has none. */
    @Transactional(readOnly = true)
    public Optional<Product> product(String sku) {
        return repository.find(sku);
    }

    /** One page of products in SKU order, only active or only inactive ones when {@code active} is given. */
    @Transactional(readOnly = true)
    public PageRequest.Page<Product> products(PageRequest page, Boolean active) {
        return page.toPage(repository.page(active, page.offset(), page.size()), repository.count(active));
    }

    /**
     * Creates or replaces every product in one transaction: all of them or, when anything fails, none. Rows are
     * compared with the stored products a chunk at a time (one query per {@value CatalogRepository#CHUNK} SKUs)
     * and written in JDBC batches, in SKU order so that two imports lock rows in the same order.
     *
     * @param products valid products with distinct SKUs
     */
    public ImportResult importAll(List<Product> products) {
        List<Product> sorted = new ArrayList<>(products);
        sorted.sort(Comparator.comparing(Product::sku));
        try {
            return retrying.execute(() -> write(sorted));
        } catch (DuplicateKeyException raced) {
            // a PUT created one of these SKUs meanwhile: compare again, it is an update now
            return retrying.execute(() -> write(sorted));
        }
    }

    private ImportResult write(List<Product> sorted) {
        List<Product> created = new ArrayList<>();
        List<Product> updated = new ArrayList<>();
        int unchanged = 0;
        for (List<Product> chunk : CatalogRepository.chunks(sorted)) {
            Map<String, Product> stored = repository.lockExisting(chunk.stream().map(Product::sku).toList()).stream()
                    .collect(Collectors.toMap(Product::sku, Function.identity()));
            for (Product product : chunk) {
                Product before = stored.get(product.sku());
                if (before == null) {
                    created.add(product);
                } else if (!before.equals(product)) {
                    updated.add(product);
                } else {
                    unchanged++;
                }
            }
        }
        repository.insert(created);
        repository.update(updated);
        return new ImportResult(created.size(), updated.size(), unchanged);
    }
}
