import PostgresClient

extension PostgresSchema {
    /// The figures ledger: archive entities, their names, figures and totals.
    static let ledger: [PostgresMigration] = []
}
