import GRDB

extension CoordinatorStore {
    /// The schema, one migration per version. GRDB records applied migrations in
    /// `grdb_migrations`, so opening a database this version wrote runs nothing.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "sweeps") { t in
                t.primaryKey("id", .text)
                // Explicit order: rowids of tables with a text key may change on VACUUM.
                t.column("submitted_seq", .integer).notNull().unique()
                t.column("name", .text).notNull()
                t.column("spec", .text).notNull()
                t.column("objectives", .text).notNull()
                t.column("reference_point", .text)
                t.column("max_attempts", .integer).notNull()
                t.column("state", .text).notNull()
                t.column("created_at", .double).notNull()
                t.column("finished_at", .double)
            }
            try db.create(table: "tasks") { t in
                t.primaryKey("id", .text)
                t.column("sweep_id", .text).notNull().references("sweeps")
                t.column("idx", .integer).notNull()
                t.column("job_kind", .text).notNull()
                t.column("parameters", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("dataset", .text).notNull()
                t.column("shard_id", .integer).notNull()
                t.column("shard_sha256", .text)
                t.column("job_spec", .blob).notNull()
                t.column("state", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("last_error", .text)
                t.column("worker_name", .text)
                t.column("updated_at", .double).notNull()
                t.uniqueKey(["sweep_id", "idx"])
            }
            try db.create(table: "attempts") { t in
                t.column("task_id", .text).notNull().references("tasks")
                t.column("attempt", .integer).notNull()
                t.column("worker_name", .text).notNull()
                t.column("worker_instance", .text).notNull()
                t.column("started_at", .double).notNull()
                t.column("ended_at", .double)
                t.column("outcome", .text)
                t.primaryKey(["task_id", "attempt"])
            }
            try db.create(table: "results") { t in
                t.primaryKey("task_id", .text).references("tasks")
                t.column("sweep_id", .text).notNull().references("sweeps")
                t.column("attempt", .integer).notNull()
                t.column("worker_name", .text).notNull()
                t.column("objectives", .text).notNull()
                t.column("report", .blob).notNull()
                t.column("received_at", .double).notNull()
                // Fronts are replayed in this order after a restart.
                t.column("received_seq", .integer).notNull().unique()
            }
        }
        migrator.registerMigration("v2") { db in
            // Whether the database is in use, and when it was last checkpointed (CoordinatorStore+Durability).
            try db.create(table: "coordinator_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            // With CURVE, a worker name belongs to the key it first connected with.
            try db.create(table: "worker_keys") { t in
                t.primaryKey("name", .text)
                t.column("curve_key", .text).notNull()
                t.column("bound_at", .double).notNull()
            }
        }
        migrator.registerMigration("v3") { db in
            // The recipe a task's shard must have been prepared with, so a restart keeps the pin.
            try db.alter(table: "tasks") { t in t.add(column: "recipe_sha256", .text) }
            // Timings of each run for `sweep results`; NULL (unknown) in rows stored before v3.
            try db.alter(table: "results") { t in
                t.add(column: "training_ms", .integer)
                t.add(column: "evaluation_ms", .integer)
            }
            // `sweep results` reads one sweep's results in the order received, a page at a time.
            try db.create(index: "results_by_sweep", on: "results", columns: ["sweep_id", "received_seq"])
        }
        return migrator
    }
}
