package dev.orderflow.catalog;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.orderflow.inventory.Product;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/** The product table, and the stock row a new product starts with. Bulk reads and writes for the import. */
@Repository
class CatalogRepository {

    /** SKUs per {@code in (...)} query and statements per JDBC batch: few round trips, moderate statements. */
    static final int CHUNK = 1000;

    private static final String COLUMNS = "sku, name, unit_price, weight_grams, length_mm, width_mm, height_mm,"
            + " bin_location, max_quantity_per_order, active";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    /** PostgreSQL (production) or H2 (a local run, most tests): they differ in how to insert if absent. */
    private final boolean postgres;

    CatalogRepository(JdbcClient jdbc, JdbcTemplate batches, DataSource dataSource) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.batches = batches;
        this.postgres = "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                DatabaseMetaData::getDatabaseProductName));
    }

    Optional<Product> find(String sku) {
        return jdbc.sql("select " + COLUMNS + " from product where sku = :sku").param("sku", sku)
                .query(ProductRow::map).optional();
    }

    List<Product> page(Boolean active, long offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from product" + (active == null ? "" : " where active = :active")
                        + " order by sku limit :limit offset :offset")
                .params(active == null ? java.util.Map.of("limit", limit, "offset", offset)
                        : java.util.Map.of("active", active, "limit", limit, "offset", offset))
                .query(ProductRow::map).list();
    }

    long count(Boolean active) {
        return active == null ? jdbc.sql("select count(*) from product").query(Long.class).single()
                : jdbc.sql("select count(*) from product where active = :active").param("active", active)
                        .query(Long.class).single();
    }

    /**
     * The stored products among {@code skus} (at most {@link #CHUNK}), read without a lock: a lock on product rows
     * would block stock work, whose rows have foreign keys to them (docs/decisions/lock-order.md).
     */
    List<Product> findAll(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from product where sku in (:skus) order by sku")
                .param("skus", skus).query(ProductRow::map).list();
    }

    /**
     * New products, each with its stock row (0 on hand, 0 reserved), in JDBC batches. A product that another
     * transaction created meanwhile is left as that one wrote it (with its stock row) instead of failing: on
     * PostgreSQL with {@code on conflict do nothing}, which waits for that transaction and then skips the row.
     * H2 has no such insert: there the other transaction's row makes this one fail with a
     * {@link org.springframework.dao.DuplicateKeyException} (the caller retries).
     */
    void insertIfAbsent(List<Product> products) {
        String ifAbsent = postgres ? " on conflict (sku) do nothing" : "";
        for (int from = 0; from < products.size(); from += CHUNK) {
            List<Product> chunk = products.subList(from, Math.min(products.size(), from + CHUNK));
            batches.batchUpdate("insert into product (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + ifAbsent,
                    chunk.stream().map(p -> new Object[] {p.sku(), p.name(), p.unitPrice(), p.weightGrams(),
                            p.lengthMm(), p.widthMm(), p.heightMm(), p.binLocation(), p.maxQuantityPerOrder(),
                            p.active()}).toList());
            batches.batchUpdate("insert into stock (sku, on_hand, reserved) values (?, 0, 0)" + ifAbsent,
                    chunk.stream().map(p -> new Object[] {p.sku()}).toList());
        }
    }

    /**
     * Replaces the stored fields of existing products, in JDBC batches, in the list's order; stock is left as it
     * is. A plain update that leaves the key alone: on PostgreSQL it locks each row {@code for no key update},
     * which does not block the {@code key share} locks that inserts of stock movements, reservations and waits
     * take on their product.
     */
    void update(List<Product> products) {
        for (int from = 0; from < products.size(); from += CHUNK) {
            List<Product> chunk = products.subList(from, Math.min(products.size(), from + CHUNK));
            batches.batchUpdate("""
                    update product set name = ?, unit_price = ?, weight_grams = ?, length_mm = ?, width_mm = ?,
                           height_mm = ?, bin_location = ?, max_quantity_per_order = ?, active = ?
                     where sku = ?
                    """, chunk.stream().map(p -> new Object[] {p.name(), p.unitPrice(), p.weightGrams(),
                    p.lengthMm(), p.widthMm(), p.heightMm(), p.binLocation(), p.maxQuantityPerOrder(), p.active(),
                    p.sku()}).toList());
        }
    }

    private static final class ProductRow {
        static Product map(ResultSet rs, int row) throws SQLException {
            return new Product(rs.getString("sku"), rs.getString("name"), rs.getBigDecimal("unit_price"),
                    rs.getInt("weight_grams"), rs.getInt("length_mm"), rs.getInt("width_mm"), rs.getInt("height_mm"),
                    rs.getString("bin_location"), rs.getInt("max_quantity_per_order"), rs.getBoolean("active"));
        }
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
