package dev.orderflow.warehouse;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class WarehouseRepository {

    private final JdbcClient jdbc;

    WarehouseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PickListItem> pickList(UUID orderId) {
        return jdbc.sql("select * from pick_list_item where order_id = :orderId order by position")
                .param("orderId", orderId)
                .query((rs, n) -> new PickListItem(rs.getString("sku"), rs.getString("name"), rs.getInt("quantity"),
                        rs.getString("bin_location")))
                .list();
    }

    void insertPickList(UUID orderId, List<PickListItem> items) {
        for (int i = 0; i < items.size(); i++) {
            PickListItem item = items.get(i);
            jdbc.sql("""
                    insert into pick_list_item (order_id, position, sku, name, quantity, bin_location)
                    values (:orderId, :position, :sku, :name, :quantity, :bin)
                    """).param("orderId", orderId).param("position", i).param("sku", item.sku())
                    .param("name", item.name()).param("quantity", item.quantity()).param("bin", item.binLocation())
                    .update();
        }
    }

    /** Whether a shortage of this order was found at or after {@code since}. */
    boolean shortageFoundSince(UUID orderId, OffsetDateTime since) {
        return jdbc.sql("select count(*) from pick_shortage where order_id = :orderId and found_at >= :since")
                .param("orderId", orderId).param("since", since).query(Long.class).single() > 0;
    }

    /** Records a shortage unless one was recorded for this order and SKU; true when recorded now. */
    boolean insertShortageIfNew(UUID orderId, Shortage shortage, OffsetDateTime now) {
        return jdbc.sql("""
                insert into pick_shortage (order_id, sku, expected, found, found_at)
                select :orderId, :sku, :expected, :found, :now from (values (1)) as one (x)
                 where not exists (select 1 from pick_shortage where order_id = :orderId and sku = :sku)
                """).param("orderId", orderId).param("sku", shortage.sku()).param("expected", shortage.expected())
                .param("found", shortage.found()).param("now", now).update() == 1;
    }

    List<PackageType> packageTypes() {
        return jdbc.sql("select * from package_type")
                .query((rs, n) -> new PackageType(rs.getString("code"), rs.getInt("inner_length_mm"),
                        rs.getInt("inner_width_mm"), rs.getInt("inner_height_mm"), rs.getInt("max_weight_grams"),
                        rs.getInt("tare_weight_grams"), rs.getBoolean("recyclable")))
                .list();
    }

    Optional<Parcel> parcel(UUID orderId) {
        return jdbc.sql("select * from parcel where order_id = :orderId").param("orderId", orderId)
                .query((rs, n) -> new Parcel(orderId, rs.getString("package_code"), rs.getInt("weight_grams")))
                .optional();
    }

    void insertParcel(Parcel parcel, OffsetDateTime now) {
        jdbc.sql("""
                insert into parcel (order_id, package_code, weight_grams, packed_at)
                values (:orderId, :code, :weight, :now)
                """).param("orderId", parcel.orderId()).param("code", parcel.packageCode())
                .param("weight", parcel.weightGrams()).param("now", now).update();
    }
}
