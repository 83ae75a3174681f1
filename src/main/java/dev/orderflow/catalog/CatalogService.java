package dev.orderflow.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.orderflow.inventory.Product;
import dev.orderflow.inventory.Sku;
import dev.orderflow.system.InvalidField;
import dev.orderflow.system.InvalidRequestException;
import dev.orderflow.system.PageRequest;
import dev.orderflow.system.RetryingTransactions;
import dev.orderflow.system.TransientFailureException;
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

    /** Attempts of a compare-and-write that met products created meanwhile ({@link #retryingRaces}). */
    static final int RACE_ATTEMPTS = 5;
    private static final Comparator<Product> BY_SKU = Comparator.comparing(Product::sku);

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
        Sku.pathProblem(sku).ifPresent(errors::add);
        if (errors.isEmpty() && body.sku() != null && !body.sku().equals(sku)) {
            errors.add(new InvalidField("/sku", "must be the SKU in the path, " + sku));
        }
        ProductRules.check(body, "", Set.of(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        Product product = ProductRules.toProduct(sku, body);
        return retryingRaces(() -> save(product));
    }

    /**
     * Compares without a lock and writes with a plain insert or update (docs/decisions/lock-order.md, The
     * catalog's rows): a PUT or an import that changed the row between the read and the write is overwritten,
     * the last writer wins.
     */
    private Saved save(Product product) {
        Optional<Product> stored = repository.find(product.sku());
        if (stored.isEmpty()) {
            repository.insertIfAbsent(List.of(product));
            if (repository.find(product.sku()).filter(product::equals).isPresent()) {
                return new Saved(product, true);
            }
            // another request created it meanwhile (PostgreSQL skipped this insert): this one replaces it
            repository.update(List.of(product));
            return new Saved(product, false);
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
     * compared with the stored products a chunk at a time (one query per {@value CatalogRepository#CHUNK} SKUs,
     * no lock) and written in JDBC batches in SKU order; unchanged rows are not written. A product that a PUT or
     * another import created or changed meanwhile is overwritten with this import's row (the last writer wins);
     * the counts say what this import did.
     *
     * @param products valid products with distinct SKUs
     */
    public ImportResult importAll(List<Product> products) {
        List<Product> sorted = new ArrayList<>(products);
        sorted.sort(BY_SKU);
        return retryingRaces(() -> write(sorted));
    }

    private ImportResult write(List<Product> sorted) {
        List<Product> created = new ArrayList<>();
        List<Product> updated = new ArrayList<>();
        int unchanged = 0;
        for (List<Product> chunk : CatalogRepository.chunks(sorted)) {
            Map<String, Product> stored = storedOf(chunk);
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
        repository.insertIfAbsent(created);
        // the new products that another transaction created meanwhile (PostgreSQL skipped them): updates now
        List<Product> raced = new ArrayList<>();
        for (List<Product> chunk : CatalogRepository.chunks(created)) {
            Map<String, Product> stored = storedOf(chunk);
            chunk.stream().filter(product -> !product.equals(stored.get(product.sku()))).forEach(raced::add);
        }
        if (!raced.isEmpty()) {
            created.removeAll(new HashSet<>(raced));
            updated.addAll(raced);
            updated.sort(BY_SKU);
        }
        repository.update(updated);
        return new ImportResult(created.size(), updated.size(), unchanged);
    }

    private Map<String, Product> storedOf(List<Product> chunk) {
        return repository.findAll(chunk.stream().map(Product::sku).toList()).stream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    /**
     * Runs a compare-and-write ({@link RetryingTransactions}: deadlocks and the like are retried there) and runs it
     * again when it met a product that another transaction created after the compare. That happens on H2 only
     * (PostgreSQL's insert skips such a row, {@link CatalogRepository#insertIfAbsent}); each new attempt sees
     * more of the catalog as it is, so a few are enough. When they are not, 503: never a 500.
     */
    private <T> T retryingRaces(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return retrying.execute(work);
            } catch (DuplicateKeyException raced) {
                if (attempt >= RACE_ATTEMPTS) {
                    throw new TransientFailureException("products were created by other requests meanwhile", raced);
                }
            }
        }
    }
}
