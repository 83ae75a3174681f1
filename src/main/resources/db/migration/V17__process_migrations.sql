-- Issue #17: orders in flight move to the newest version of the process (fulfillment.versions.InFlightMigration).
--
-- One row whose lock serializes the nodes: a node locks it (select ... for update) in the transaction that looks
-- for live batches and creates a new one, so two nodes never start two batches for the same source version.
create table process_migration_lock (
    id integer primary key
);
insert into process_migration_lock (id) values (1);

-- Each migration batch started: which version's orders it moves to which, and how it ended. RUNNING until
-- Camunda's batch is gone (DONE) or all its remaining jobs failed (FAILED: the batch is deleted, the reasons stay).
create table process_migration_batch (
    batch_id             varchar(64)              primary key,
    source_definition_id varchar(64)              not null,
    target_definition_id varchar(64)              not null,
    orders               integer                  not null,
    state                varchar(16)              not null,
    started_at           timestamp with time zone not null,
    finished_at          timestamp with time zone,
    failure              varchar(4000)
);
create index process_migration_batch_source on process_migration_batch (source_definition_id, state);

-- The orders (process instances) a batch was to move; refusal is set for those it could not move. An order
-- refused on its way to a version is not tried again for that version, only for a newer one.
create table process_migration_order (
    batch_id            varchar(64)   not null,
    process_instance_id varchar(64)   not null,
    activity_id         varchar(255),
    refusal             varchar(4000),
    primary key (batch_id, process_instance_id)
);
create index process_migration_order_instance on process_migration_order (process_instance_id);
