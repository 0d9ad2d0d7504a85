/// The conditions of a query's WHERE clause with their bound values, in order.
/// Every listing builds one from its optional filters.
struct WhereClause {
    private(set) var conditions: [String] = []
    private(set) var values: [SQLiteValue] = []

    /// Adds a condition with the values its `?` placeholders take.
    mutating func add(_ condition: String, _ bound: [SQLiteValue]) {
        conditions.append(condition)
        values += bound
    }

    /// Adds a one-placeholder condition when the filter is set; does nothing for nil.
    mutating func add<T>(_ condition: String, _ value: T?, as bind: (T) -> SQLiteValue) {
        guard let value else { return }
        add(condition, [bind(value)])
    }

    /// `WHERE a AND b`, or nothing when there are no conditions.
    var sql: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
