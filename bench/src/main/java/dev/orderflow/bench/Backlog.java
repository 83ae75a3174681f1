package dev.orderflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The database of a busy shop after some weeks, made from orders the real service ran.
 *
 * <p>First the service runs a small template at the backlog's proportions: {@link #TEMPLATE_FINISHED} finished
 * orders (delivered through the signed courier webhook, or refunded after the customer's REFUND decision on an
 * out-of-stock product), a fifth as many shipped and left waiting for delivery, a fiftieth waiting for restock
 * (the customer's WAIT decision). With the service stopped, every row those orders left, in our tables and in
 * Camunda's (whatever the engine wrote: executions, variables, timers, subscriptions, history), is copied into
 * the schema {@code backlog_template}. Then {@link #loadTo} clones them with one {@code insert ... select ... from
 * generate_series} per table: no column is written from memory, so the loader follows whatever the service
 * writes. In clone {@code k}:
 * <ul>
 * <li>every text or uuid value that is a key of a template row (a primary key or unique column, our order ids,
 * Camunda's ids, tracking numbers, idempotency keys) becomes a new unique value, the same one wherever it appears
 * (business keys, foreign keys, variables), so an order and its process stay one; a value ending in a uuid keeps its
 * prefix (activity instance ids);</li>
 * <li>identity columns take new numbers; every timestamp (and date variables, which Camunda keeps as epoch
 * milliseconds) moves back: finished orders by 1 to 42 days (history's removal time with them, so the oldest are
 * past the diagram's time to live of 30 days and history cleanup has work), waiting orders by up to their timer's
 * length less 3 hours, so their timers fall due over the coming days and none during the run.</li>
 * </ul>
 * A step that at least doubles the rows drops the cloned tables' indexes and keys first and builds them again after
 * (sorting is faster than keeping random-key indexes up to date row by row), then VACUUM ANALYZE and a checkpoint,
 * so no configuration pays for the load. {@link #proveClonesAreReal} shows that a clone is an order the engine
 * carries on.
 */
final class Backlog {

    /** Never restocked: the out-of-stock orders of the template wait for it (the storefront leaves it alone). */
    static final String AWAITING_RESTOCK_SKU = "BACKLOG-AWAITING-RESTOCK";
    static final int TEMPLATE_DELIVERED = 90;
    static final int TEMPLATE_REFUNDED = 10;
    static final int TEMPLATE_FINISHED = TEMPLATE_DELIVERED + TEMPLATE_REFUNDED;
    static final int TEMPLATE_SHIPPED = TEMPLATE_FINISHED / 5;
    static final int TEMPLATE_AWAITING_RESTOCK = TEMPLATE_FINISHED / 50;
    /** The smallest backlog: the template itself. */
    static final int MIN_FINISHED = TEMPLATE_FINISHED;
    static final String SCHEMA = "backlog_template";
    private static final String ENDS_IN_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    /**
     * Clone k of a value ending in a uuid: its last 12 hex digits (a time-based uuid's node, the engine's are all
     * the same; 48 random bits of a random one) become k. The 24 digits before are unique among the template's
     * keys, so the result is unique, and it is never a uuid the service makes (no node is that small).
     */
    private static final String NEW_UUID_END = "left(%s, -12) || lpad(to_hex(k), 12, '0')";
    private static final String WEBHOOK_SECRET = "bench-webhook";
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** Columns that tie a row to its order: ours, then Camunda's. */
    private static final List<String> OWNER_COLUMNS = List.of("order_id", "proc_inst_id_", "process_instance_id_",
            "root_proc_inst_id_");

    /** What one load step did. */
    record Loaded(int copies, long rows, Duration took) {
    }

    private final BenchDatabase database;
    private final String databaseName;
    /** Copies of the template in the full backlog, the template itself included. */
    private final int fullCopies;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> tables = new ArrayList<>();
    private int copies = 1;

    Backlog(BenchDatabase database, String databaseName, int finishedOrders) {
        this.database = database;
        this.databaseName = databaseName;
        this.fullCopies = Math.max(1, (int) Math.round((double) finishedOrders / TEMPLATE_FINISHED));
    }

    int fullCopies() {
        return fullCopies;
    }

    int copies() {
        return copies;
    }

    /** The template's orders, run by the real service, each in the state it stays in. */
    void runTemplate(AppUnderTest app, Storefront storefront) throws Exception {
        send(app, "PUT", "/api/products/" + AWAITING_RESTOCK_SKU, AppUnderTest.basic("staff", AppUnderTest.STAFF_PASSWORD), """
                {"name":"Backlog: never restocked","unitPrice":"9.90","weightGrams":200,"lengthMm":100,"widthMm":100,
                 "heightMm":50,"binLocation":"Z-99-99"}""", 201);
        storefront.placeClosedLoop("backlog-delivered", TEMPLATE_DELIVERED, 8);
        storefront.placeClosedLoop("backlog-shipped", TEMPLATE_SHIPPED, 8);
        List<String> refunded = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (int n = 0; n < TEMPLATE_REFUNDED; n++) {
            refunded.add(storefront.placeOne("backlog-refunded-" + n, AWAITING_RESTOCK_SKU, "9.90"));
        }
        for (int n = 0; n < TEMPLATE_AWAITING_RESTOCK; n++) {
            waiting.add(storefront.placeOne("backlog-restock-" + n, AWAITING_RESTOCK_SKU, "9.90"));
        }
        Shipments shipments = new Shipments(database, databaseName);
        shipments.await("backlog-delivered-", TEMPLATE_DELIVERED, PATIENCE);
        shipments.await("backlog-shipped-", TEMPLATE_SHIPPED, PATIENCE);
        awaitStatus("backlog-refunded-", "AWAITING_STOCK_DECISION", TEMPLATE_REFUNDED);
        awaitStatus("backlog-restock-", "AWAITING_STOCK_DECISION", TEMPLATE_AWAITING_RESTOCK);
        String storefrontLogin = AppUnderTest.basic("storefront", AppUnderTest.STOREFRONT_PASSWORD);
        for (String order : refunded) {
            send(app, "POST", "/api/orders/" + order + "/stock-decision", storefrontLogin, "{\"decision\":\"REFUND\"}", 202);
        }
        for (String order : waiting) {
            send(app, "POST", "/api/orders/" + order + "/stock-decision", storefrontLogin, "{\"decision\":\"WAIT\"}", 202);
        }
        for (String tracking : trackingNumbers("backlog-delivered-")) {
            deliver(app, tracking);
        }
        awaitStatus("backlog-delivered-", "DELIVERED", TEMPLATE_DELIVERED);
        awaitStatus("backlog-refunded-", "CANCELLED", TEMPLATE_REFUNDED);
        awaitStatus("backlog-restock-", "AWAITING_RESTOCK", TEMPLATE_AWAITING_RESTOCK);
        awaitQuiet();
    }

    /** The signed courier webhook: {@code DELIVERED} for one parcel (docs/api.md, "Courier webhook"). */
    void deliver(AppUnderTest app, String trackingNumber) throws Exception {
        String body = "{\"eventId\":\"delivered-" + trackingNumber + "\",\"type\":\"DELIVERED\",\"at\":\"" + Instant.now() + "\"}";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + trackingNumber + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/shipments/"
                        + trackingNumber + "/events"))
                .header("Content-Type", "application/json").header("X-Orderflow-Timestamp", timestamp)
                .header("X-Orderflow-Signature", signature).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("courier event for " + trackingNumber + ": " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private void send(AppUnderTest app, String method, String path, String login, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .header("Authorization", login).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private List<String> trackingNumbers(String prefix) throws SQLException {
        List<String> numbers = new ArrayList<>();
        try (Connection connection = database.connect(databaseName); PreparedStatement query = connection.prepareStatement(
                "select s.tracking_number from shipment s join customer_order o on o.id = s.order_id"
                        + " where o.external_reference like ?")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    numbers.add(rows.getString(1));
                }
            }
        }
        return numbers;
    }

    private void awaitStatus(String prefix, String status, int expected) throws SQLException, InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        int reached = 0;
        while (Instant.now().isBefore(until)) {
            reached = (int) single("select count(*) from customer_order where external_reference like '" + prefix
                    + "%' and status = '" + status + "'");
            if (reached >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("backlog template: " + reached + " of " + expected + " orders " + prefix
                + "* reached " + status + " within " + PATIENCE);
    }

    /** Every mail sent, no wake-up pending, no job of an order due: the template orders rest where they wait. */
    private void awaitQuiet() throws SQLException, InterruptedException {
        Instant until = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(until)) {
            long busy = single("select (select count(*) from notification_outbox where state <> 'SENT')"
                    + " + (select count(*) from stock_wakeup)"
                    + " + (select count(*) from act_ru_job where process_instance_id_ is not null"
                    + "    and (duedate_ is null or duedate_ < localtimestamp + interval '1 day'))");
            if (busy == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("backlog template: mails, wake-ups or jobs still pending after " + PATIENCE);
    }

    /**
     * With the service stopped: every row of the template's orders into {@link #SCHEMA}, with its group (finished,
     * shipped, restock), the set of key values to rewrite, and how each column is cloned.
     */
    void snapshot() throws SQLException {
        try (Connection connection = database.connect(databaseName); Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("create schema " + SCHEMA);
            sql.execute("create table " + SCHEMA + ".owner (key text primary key, grp text not null)");
            sql.execute("insert into " + SCHEMA + ".owner select id::text, case status when 'SHIPPED' then 'shipped'"
                    + " when 'AWAITING_RESTOCK' then 'restock' else 'finished' end from customer_order"
                    + " where external_reference like 'backlog-%'");
            sql.execute("insert into " + SCHEMA + ".owner select distinct p.proc_inst_id_, o.grp from act_hi_procinst p"
                    + " join " + SCHEMA + ".owner o on o.key = p.business_key_ on conflict do nothing");
            sql.execute("insert into " + SCHEMA + ".owner select distinct e.proc_inst_id_, o.grp from act_ru_execution e"
                    + " join " + SCHEMA + ".owner o on o.key = e.business_key_ on conflict do nothing");
            Map<String, List<String>> ownerColumns = new LinkedHashMap<>();
            try (ResultSet rows = sql.executeQuery("""
                    select c.table_name, c.column_name from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                      and (c.column_name in ('order_id', 'proc_inst_id_', 'process_instance_id_', 'root_proc_inst_id_')
                           or (c.table_name = 'customer_order' and c.column_name = 'id'))
                    order by c.table_name""")) {
                while (rows.next()) {
                    ownerColumns.computeIfAbsent(rows.getString(1), table -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            tables.clear();
            for (Map.Entry<String, List<String>> table : ownerColumns.entrySet()) {
                List<String> owners = new ArrayList<>(table.getValue());
                owners.sort((a, b) -> Integer.compare(rank(a), rank(b)));
                StringBuilder joins = new StringBuilder();
                List<String> groups = new ArrayList<>();
                for (int i = 0; i < owners.size(); i++) {
                    joins.append(" left join ").append(SCHEMA).append(".owner o").append(i).append(" on o").append(i)
                            .append(".key = t.").append(owners.get(i)).append("::text");
                    groups.add("o" + i + ".grp");
                }
                String group = groups.size() == 1 ? groups.get(0) : "coalesce(" + String.join(", ", groups) + ")";
                sql.execute("create table " + SCHEMA + "." + table.getKey() + " as select t.*, " + group
                        + " as backlog_grp_ from public." + table.getKey() + " t" + joins + " where " + group + " is not null");
                if (single(sql, "select count(*) from " + SCHEMA + "." + table.getKey()) > 0) {
                    tables.add(table.getKey());
                } else {
                    sql.execute("drop table " + SCHEMA + "." + table.getKey());
                }
            }
            // the largest first: two connections clone them, the small ones fill in
            Map<String, Long> size = new LinkedHashMap<>();
            for (String table : tables) {
                size.put(table, single(sql, "select pg_total_relation_size('" + SCHEMA + "." + table + "')"));
            }
            tables.sort((a, b) -> Long.compare(size.get(b), size.get(a)));
            sql.execute("create table " + SCHEMA + ".ids (v text primary key)");
            for (String table : tables) {
                for (Map.Entry<String, Boolean> unique : uniqueColumns(connection, table).entrySet()) {
                    String column = unique.getKey();
                    long values = single(sql, "select count(" + column + ") from " + SCHEMA + "." + table);
                    if (!unique.getValue() || single(sql, "select count(distinct " + column + ") from " + SCHEMA
                            + "." + table) == values) {
                        sql.execute("insert into " + SCHEMA + ".ids select distinct " + column + "::text from " + SCHEMA
                                + "." + table + " where " + column + " is not null on conflict do nothing");
                    }
                }
            }
            long clashes = single(sql, "select count(*) from (select left(v, -12) from " + SCHEMA + ".ids where v ~ '"
                    + ENDS_IN_UUID + "' group by 1 having count(*) > 1) clash");
            if (clashes > 0) {
                throw new IllegalStateException(clashes + " keys of the template differ only in their last 12 digits:"
                        + " their clones would clash");
            }
            sql.execute("""
                    create function %s.remap(v text, k int) returns text language sql immutable parallel safe as $$
                      select case when v ~ '%s' then %s else v || '-' || k end $$""".formatted(SCHEMA, ENDS_IN_UUID,
                    NEW_UUID_END.formatted("v")));
            sql.execute("analyze");
        }
    }

    private static int rank(String ownerColumn) {
        int rank = OWNER_COLUMNS.indexOf(ownerColumn);
        return rank < 0 ? OWNER_COLUMNS.size() : rank;
    }

    /**
     * The text or uuid columns of each primary key and unique index of a table, and whether the index has other
     * columns too (then a column counts as a key only where its values are unique on their own).
     */
    private static Map<String, Boolean> uniqueColumns(Connection connection, String table) throws SQLException {
        Map<String, Boolean> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select a.attname, i.indnatts > 1 from pg_index i
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = ('public.' || ?)::regclass and i.indisunique
                  and a.atttypid in ('text'::regtype, 'varchar'::regtype, 'uuid'::regtype, 'bpchar'::regtype)""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.merge(rows.getString(1), rows.getBoolean(2), (a, b) -> a && b);
                }
            }
        }
        return columns;
    }

    /**
     * Clones the template until the database holds {@code targetCopies} copies of it (the template counts as the
     * first); two tables at a time, with foreign-key triggers off (the rows are consistent by construction).
     */
    Loaded loadTo(int targetCopies) throws Exception {
        if (targetCopies <= copies) {
            return new Loaded(copies, 0, Duration.ZERO);
        }
        Instant started = Instant.now();
        List<String> statements = new ArrayList<>();
        try (Connection connection = database.connect(databaseName)) {
            for (String table : tables) {
                statements.add(cloneStatement(connection, table, copies, targetCopies - 1));
            }
        }
        // a step that at least doubles the tables is faster with their indexes built afresh (sorted) than kept up
        // to date row by row (random uuid keys, indexes larger than shared_buffers)
        List<String> rebuild = targetCopies >= 2 * copies ? dropIndexes() : List.of();
        walBetweenCheckpoints("8GB");
        long rows = 0;
        for (long count : inParallel(statements, true)) {
            rows += count;
        }
        Instant phase = Instant.now();
        Benchmark.say(String.format("backlog: %,d rows inserted in %d s", rows, Duration.between(started, phase).toSeconds()));
        inParallel(rebuild.stream().filter(ddl -> !ddl.contains("FOREIGN KEY")).toList(), false);
        // one at a time: adding a foreign key locks the referenced table against another such addition
        for (String foreignKey : rebuild.stream().filter(ddl -> ddl.contains("FOREIGN KEY")).toList()) {
            inParallel(List.of(foreignKey), false);
        }
        Benchmark.say("backlog: " + rebuild.size() + " indexes and constraints built in "
                + Duration.between(phase, phase = Instant.now()).toSeconds() + " s");
        // what autovacuum would otherwise start on every grown table while the service is measured
        inParallel(tables.stream().map(table -> "vacuum (analyze) public." + table).toList(), false);
        walBetweenCheckpoints(null);
        database.quiesce(databaseName);
        Benchmark.say("backlog: vacuum, analyze and checkpoint in " + Duration.between(phase, Instant.now()).toSeconds() + " s");
        copies = targetCopies;
        return new Loaded(targetCopies, rows, Duration.between(started, Instant.now()));
    }

    /**
     * While loading, checkpoints far apart (each one would make the next write of every page a full-page image in
     * the WAL); {@code null}: the server's setting again. Needs a superuser; without, the load is slower.
     */
    private void walBetweenCheckpoints(String size) {
        try (Connection connection = database.connect(databaseName); Statement sql = connection.createStatement()) {
            sql.execute(size == null ? "alter system reset max_wal_size" : "alter system set max_wal_size = '" + size + "'");
            sql.execute("select pg_reload_conf()");
        } catch (SQLException notAllowed) {
            Benchmark.say("backlog: max_wal_size left as it is (" + notAllowed.getMessage() + ")");
        }
    }

    /** Runs the statements on two connections (the machine's cores); the rows each changed. */
    private List<Long> inParallel(List<String> statements, boolean loading) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        List<Future<Long>> results = new ArrayList<>();
        for (String statement : statements) {
            results.add(workers.submit(() -> {
                try (Connection connection = database.connect(databaseName); Statement sql = connection.createStatement()) {
                    sql.execute("set synchronous_commit = off");
                    sql.execute("set maintenance_work_mem = '256MB'");
                    sql.execute("set work_mem = '64MB'");
                    if (loading) {
                        // the clones are consistent by construction; foreign keys are checked where rebuilt
                        sql.execute("set session_replication_role = replica");
                    }
                    return (long) sql.executeUpdate(statement);
                }
            }));
        }
        workers.shutdown();
        List<Long> counts = new ArrayList<>();
        for (Future<Long> result : results) {
            counts.add(result.get());
        }
        return counts;
    }

    /**
     * Drops the indexes and constraints of the cloned tables (and the foreign keys pointing at them); the
     * statements that create them again, exactly as they were.
     */
    private List<String> dropIndexes() throws SQLException {
        List<String> create = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        String cloned = "(" + String.join(", ", tables.stream().map(table -> "'public." + table + "'::regclass").toList()) + ")";
        try (Connection connection = database.connect(databaseName); Statement sql = connection.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype"
                    + " from pg_constraint where contype in ('p', 'u', 'f') and (conrelid in " + cloned
                    + " or confrelid in " + cloned + ") order by contype = 'f' desc")) {
                while (rows.next()) {
                    drop.add("alter table " + rows.getString(1) + " drop constraint " + rows.getString(2));
                    if (rows.getString(4).equals("f")) {
                        create.add("alter table " + rows.getString(1) + " add constraint " + rows.getString(2) + " "
                                + rows.getString(3));
                    } else {
                        create.add(0, "alter table " + rows.getString(1) + " add constraint " + rows.getString(2) + " "
                                + rows.getString(3));
                    }
                }
            }
            try (ResultSet rows = sql.executeQuery("select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
                    + " from pg_index i where i.indrelid in " + cloned
                    + " and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)")) {
                while (rows.next()) {
                    drop.add("drop index " + rows.getString(1));
                    create.add(0, rows.getString(2));
                }
            }
            for (String statement : drop) {
                sql.execute(statement);
            }
        }
        return create;
    }

    /** One {@code insert ... select}: clones {@code from} to {@code to} (inclusive) of one table. */
    private String cloneStatement(Connection connection, String table, int from, int to) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        boolean hasDateVariables = false;
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select column_name, data_type, is_identity, coalesce(column_default, '') from information_schema.columns
                where table_schema = 'public' and table_name = ? order by ordinal_position""")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(3).equals("YES") || rows.getString(4).startsWith("nextval(")) {
                        continue; // a new number from its sequence
                    }
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        hasDateVariables = types.containsKey("type_") && types.containsKey("long_");
        try (Statement sql = connection.createStatement()) {
            for (Map.Entry<String, String> column : types.entrySet()) {
                String name = column.getKey();
                String type = column.getValue();
                String value = "t." + name;
                if (type.startsWith("timestamp")) {
                    value = "t." + name + " - s.shift";
                } else if (name.equals("long_") && hasDateVariables) {
                    value = "case when t.type_ = 'date' then t.long_ - s.shift_ms else t.long_ end";
                } else if (type.equals("uuid") || type.equals("text") || type.startsWith("character")) {
                    String text = type.equals("uuid") ? "t." + name + "::text" : "t." + name;
                    String cast = type.equals("uuid") ? "::uuid" : "";
                    long present = single(sql, "select count(" + name + ") from " + SCHEMA + "." + table);
                    long keys = present == 0 ? 0 : single(sql, "select count(*) from " + SCHEMA + "." + table + " t join "
                            + SCHEMA + ".ids i on i.v = " + text);
                    long endInUuid = keys == 0 ? 0 : single(sql, "select count(*) from " + SCHEMA + "." + table + " t where "
                            + text + " ~ '" + ENDS_IN_UUID + "'");
                    if (keys > 0 && keys == present && endInUuid == present) {
                        value = "(" + NEW_UUID_END.formatted(text) + ")" + cast;
                    } else if (keys > 0 && keys == present && endInUuid == 0) {
                        value = "(" + text + " || '-' || k)" + cast;
                    } else if (keys > 0) {
                        String remapped = SCHEMA + ".remap(" + text + ", k)" + cast;
                        value = keys == present ? remapped : "case when " + text + " in (select v from " + SCHEMA
                                + ".ids) then " + remapped + " else t." + name + " end";
                    }
                }
                columns.add(name);
                values.add(value);
            }
        }
        // each clone k moves its orders back in time; multiplying by a prime spreads the clones of every step
        // over the whole range, so a step's orders are as old as the full backlog's
        String position = "((k::bigint * 1000003) % " + fullCopies + ")::float8 / " + fullCopies;
        String seconds = "case t.backlog_grp_ when 'finished' then 86400 + " + position + " * 41 * 86400"
                + " when 'shipped' then " + position + " * (10 * 86400 - 3 * 3600)"
                + " else " + position + " * (14 * 86400 - 3 * 3600) end";
        return "insert into public." + table + " (" + String.join(", ", columns) + ") select " + String.join(", ", values)
                + " from generate_series(" + from + ", " + to + ") k cross join " + SCHEMA + "." + table + " t"
                + " cross join lateral (select (" + seconds + ") * interval '1 second' as shift, round((" + seconds
                + ") * 1000)::bigint as shift_ms) s";
    }

    /**
     * Proof that clones are orders the engine can carry on: the courier reports a cloned shipped order delivered,
     * and a cloned restock wait's timer is brought forward; both must end as the real ones do. A sentence saying
     * what happened; an exception when a clone did not move.
     */
    String proveClonesAreReal(AppUnderTest app) throws Exception {
        String shipped = single("select o.id::text || ' ' || s.tracking_number from customer_order o"
                + " join shipment s on s.order_id = o.id where o.status = 'SHIPPED'"
                + " and o.external_reference like 'backlog-shipped-%'"
                + " and o.id not in (select id from " + SCHEMA + ".customer_order) limit 1", "");
        String restock = single("select o.id::text from customer_order o where o.status = 'AWAITING_RESTOCK'"
                + " and o.external_reference like 'backlog-restock-%'"
                + " and o.id not in (select id from " + SCHEMA + ".customer_order) limit 1", "");
        if (shipped.isEmpty() || restock.isEmpty()) {
            throw new IllegalStateException("no cloned order to try (shipped: '" + shipped + "', restock: '" + restock + "')");
        }
        String shippedOrder = shipped.split(" ")[0];
        deliver(app, shipped.split(" ")[1]);
        long moved;
        try (Connection connection = database.connect(databaseName); PreparedStatement bringForward = connection.prepareStatement(
                "update act_ru_job set duedate_ = duedate_ - interval '30 days' where process_instance_id_ in"
                        + " (select proc_inst_id_ from act_ru_execution where business_key_ = ?)")) {
            bringForward.setString(1, restock);
            moved = bringForward.executeUpdate();
        }
        if (moved != 1) {
            throw new IllegalStateException("cloned order " + restock + " waiting for restock has " + moved + " timers, not 1");
        }
        Instant until = Instant.now().plus(PATIENCE);
        String shippedNow = "";
        String restockNow = "";
        while (Instant.now().isBefore(until)) {
            shippedNow = single("select status || ' ' || (select count(*) from act_ru_execution where business_key_ = '"
                    + shippedOrder + "') from customer_order where id = '" + shippedOrder + "'", "");
            restockNow = single("select status || ' ' || coalesce(cancellation_reason, '') || ' '"
                    + " || (select count(*) from act_ru_execution where business_key_ = '" + restock + "')"
                    + " from customer_order where id = '" + restock + "'", "");
            if (shippedNow.equals("DELIVERED 0") && restockNow.equals("CANCELLED RESTOCK_TIMEOUT 0")) {
                return "cloned shipped order " + shippedOrder + ": the courier's signed DELIVERED webhook ended it"
                        + " DELIVERED, its process finished; cloned order " + restock + " waiting for restock: its"
                        + " cloned timer, brought forward, fired and ended it CANCELLED (RESTOCK_TIMEOUT), process finished";
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("cloned orders did not finish: shipped " + shippedOrder + " is '" + shippedNow
                + "' (want 'DELIVERED 0' executions), restock " + restock + " is '" + restockNow + "'");
    }

    /** Rows of the tables a reader asks about first, counted exactly. */
    Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("customer_order (all)", single("select count(*) from customer_order"));
        counts.put("customer_order DELIVERED or CANCELLED", single(
                "select count(*) from customer_order where status in ('DELIVERED', 'CANCELLED')"));
        counts.put("customer_order SHIPPED", single("select count(*) from customer_order where status = 'SHIPPED'"));
        counts.put("customer_order AWAITING_RESTOCK", single(
                "select count(*) from customer_order where status = 'AWAITING_RESTOCK'"));
        for (String table : List.of("order_timeline", "notification_outbox", "idempotency_record", "act_ru_execution",
                "act_ru_variable", "act_ru_event_subscr")) {
            counts.put(table, single("select count(*) from " + table));
        }
        counts.put("act_ru_job (timers of orders)", single("select count(*) from act_ru_job where process_instance_id_ is not null"));
        counts.put("act_hi_procinst", single("select count(*) from act_hi_procinst"));
        counts.put("act_hi_procinst past removal time", single(
                "select count(*) from act_hi_procinst where removal_time_ < localtimestamp"));
        counts.put("database size (MiB)", single("select pg_database_size(current_database()) / 1048576"));
        return counts;
    }

    /** Every table the template wrote rows to, with its rows per template order: what a clone adds per order. */
    Map<String, Double> rowsPerTemplateOrder() throws SQLException {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        int orders = TEMPLATE_FINISHED + TEMPLATE_SHIPPED + TEMPLATE_AWAITING_RESTOCK;
        for (String table : tables) {
            perOrder.put(table, single("select count(*) from " + SCHEMA + "." + table) / (double) orders);
        }
        return perOrder;
    }

    private long single(String query) throws SQLException {
        try (Connection connection = database.connect(databaseName); Statement sql = connection.createStatement()) {
            return single(sql, query);
        }
    }

    private String single(String query, String fallback) throws SQLException {
        try (Connection connection = database.connect(databaseName); Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(query)) {
            return row.next() && row.getString(1) != null ? row.getString(1) : fallback;
        }
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
