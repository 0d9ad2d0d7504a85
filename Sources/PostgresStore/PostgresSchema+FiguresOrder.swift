import PostgresClient

extension PostgresSchema {
    /// A descending figure sort is the exact reverse of the ascending one (ties by id
    /// descending too, as in SQLite's migration 9), so a backward scan of each ascending
    /// index serves it and the DESC twins go. Numbered as the SQLite migration it matches.
    static let figuresOrder = PostgresMigration(version: 9, name: "figure sorts reverse each other", sql: """
        DROP INDEX IF EXISTS figures_currency_amount_desc;
        DROP INDEX IF EXISTS figures_amount_desc;
        DROP INDEX IF EXISTS figures_published_desc;
        """)
}
