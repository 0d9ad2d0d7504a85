/// The rows a statement returned, copied out of libpq's result so they outlive it and can
/// cross threads. Values are PostgreSQL's text forms; `PostgresRow` reads them as Swift types.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public let columns: [String]
    /// Row-major: row r, column c is at `r * columns.count + c`.
    let values: [String?]
    /// Rows inserted, updated or deleted (from the command tag); 0 for other statements.
    public let affectedRows: Int
    /// The command tag's first word: `SELECT`, `INSERT`, `COMMIT`, `ROLLBACK`…
    public let command: String

    init(columns: [String], values: [String?], affectedRows: Int, command: String) {
        self.columns = columns
        self.values = values
        self.affectedRows = affectedRows
        self.command = command
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { columns.isEmpty ? 0 : values.count / columns.count }
    public subscript(row: Int) -> PostgresRow { PostgresRow(rows: self, row: row) }
}

/// One row; columns by position or by name. A NULL reads as nil; text that is not the type
/// asked for is an error, never a silent nil or zero.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let row: Int

    public func string(_ column: Int) throws -> String? { try text(column) }
    public func string(_ name: String) throws -> String? { try text(index(of: name)) }

    public func decode<T: PostgresDecodable>(_ column: Int, as type: T.Type = T.self) throws -> T? {
        guard let text = try text(column) else { return nil }
        guard let value = T(postgresText: text) else {
            throw PostgresError(.decoding, "column \(column) (\"\(rows.columns[column])\") holds \"\(text.prefix(40))\", which is not a \(T.self)")
        }
        return value
    }

    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T? {
        try decode(index(of: name), as: type)
    }

    public func int(_ column: Int) throws -> Int? { try decode(column) }
    public func int(_ name: String) throws -> Int? { try decode(name) }
    public func isNull(_ column: Int) throws -> Bool { try text(column) == nil }

    private func text(_ column: Int) throws -> String? {
        guard rows.columns.indices.contains(column) else {
            throw PostgresError(.decoding, "no column \(column): the result has \(rows.columns.count)")
        }
        return rows.values[row * rows.columns.count + column]
    }

    private func index(of name: String) throws -> Int {
        guard let i = rows.columns.firstIndex(of: name) else {
            throw PostgresError(.decoding, "no column \"\(name)\"; the result has \(rows.columns.joined(separator: ", "))")
        }
        return i
    }
}
