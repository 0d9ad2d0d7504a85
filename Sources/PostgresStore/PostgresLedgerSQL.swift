import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

/// Multi-row statements: `VALUES ($1, $2), ($3, $4)…` for rows of parameters, so one
/// round trip writes every row of a kind an article has.
struct PostgresRowsClause {
    private(set) var sql = ""
    private(set) var values: [(any PostgresEncodable)?] = []
    /// Parameters before these rows' in the statement.
    private(set) var offset = 0
    private var rowCasts: [[String]] = []

    init(offset: Int = 0) { self.offset = offset }

    /// The same rows with their placeholders after `offset` other parameters.
    func renumbered(offset: Int) -> PostgresRowsClause {
        var copy = PostgresRowsClause(offset: offset)
        var i = 0
        for casts in rowCasts {
            copy.row(Array(values[i..<i + casts.count]), casts: casts)
            i += casts.count
        }
        return copy
    }

    /// Appends one row; `casts` (one per value, "" for none) type the placeholders where
    /// PostgreSQL cannot infer them from a target column.
    mutating func row(_ row: [(any PostgresEncodable)?], casts: [String] = []) {
        let placeholders = row.indices.map { i in "$\(offset + values.count + i + 1)" + (i < casts.count ? casts[i] : "") }
        rowCasts.append(row.indices.map { $0 < casts.count ? casts[$0] : "" })
        sql += (sql.isEmpty ? "" : ", ") + "(" + placeholders.joined(separator: ", ") + ")"
        values += row
    }

    var isEmpty: Bool { values.isEmpty }
}

/// Reading the ledger's columns: a NULL where the schema has none is corruption.
extension PostgresRow {
    func required(_ column: Int) throws -> String {
        guard let text = try string(column) else { throw StoreError.corrupt("NULL in column \(column)") }
        return text
    }

    func int64(_ column: Int) throws -> Int64 {
        guard let value = try decode(column, as: Int64.self) else { throw StoreError.corrupt("NULL in column \(column)") }
        return value
    }

    func integer(_ column: Int) throws -> Int {
        guard let value = try int(column) else { throw StoreError.corrupt("NULL in column \(column)") }
        return value
    }

    func decimal(_ column: Int) throws -> Decimal {
        guard let value = try decode(column, as: Decimal.self) else { throw StoreError.corrupt("NULL or bad numeric in column \(column)") }
        return value
    }

    /// `bytea` in its hex text form (`\x0a1b…`).
    func bytes(_ column: Int) throws -> [UInt8] {
        let text = try required(column)
        guard text.hasPrefix("\\x") else { throw StoreError.corrupt("bytea not in hex form") }
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in text.utf8.dropFirst(2) {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            default: throw StoreError.corrupt("bytea digit")
            }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        return bytes
    }
}

enum PostgresLedgerSQL {
    /// `bytea` as the hex text a parameter carries.
    static func bytea(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = Array("\\x".utf8)
        out.reserveCapacity(2 + bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// An array literal of integers (never user text): `{1,2,3}`.
    static func array(_ values: [Int64]) -> String { "{" + values.map(String.init).joined(separator: ",") + "}" }

    /// The transaction-scoped advisory lock key of an archive id: its 64 hash bits.
    static func lockKey(_ id: String) -> Int64 {
        Int64(bitPattern: UInt64(id.dropFirst(4), radix: 16) ?? UInt64(truncatingIfNeeded: id.hashValue))
    }

    /// Locks the archive entities of `ids` for this transaction, in one global order
    /// (by key), so two nodes writing articles that name the same entities in different
    /// orders wait for each other instead of deadlocking on their rows.
    static func lockEntities(_ ids: some Sequence<String>, in c: PostgresConnection) throws {
        let keys = lockArray(ids)
        guard keys != "{}" else { return }
        _ = try c.query("SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k", [keys])
    }

    /// The lock keys of `ids` in the one global order, as an array parameter.
    static func lockArray(_ ids: some Sequence<String>) -> String { array(Set(ids.map(lockKey)).sorted()) }

    /// The words of a sentence or a query as both are given to `to_tsvector` and
    /// `plainto_tsquery`: split where the SQLite store's FTS5 tokenizer splits (anything
    /// but letters and digits), case and diacritics folded here (PostgreSQL's `simple`
    /// would fold only ASCII under the C locale), so `q` matches as it does there.
    static func searchWords(_ text: String) -> String {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
            .joined(separator: " ")
    }

    /// Money columns of `figures f`, read by `moneyValue`.
    static let moneyColumns = "f.amount, f.currency, f.currency_resolution, f.qualifier, f.min_amount, f.max_amount, f.currency_evidence"

    static func moneyValue(_ row: PostgresRow, from c: Int) throws -> MoneyValue {
        let resolutionText = try row.required(c + 2)
        guard let resolution = CurrencyResolution(rawValue: resolutionText) else {
            throw StoreError.corrupt("currency resolution \(resolutionText)")
        }
        return MoneyValue(amount: try row.decimal(c), currency: try row.required(c + 1), currencyResolution: resolution,
                          qualifier: try row.string(c + 3), min: try row.decode(c + 4, as: Decimal.self),
                          max: try row.decode(c + 5, as: Decimal.self), currencyEvidence: try row.string(c + 6))
    }

    /// Article columns over `articles a`, read by `article`; `received_at` as milliseconds.
    static let articleColumns = """
        a.id, a.title, a.url, a.source, a.published_at::text, floor(extract(epoch FROM a.received_at) * 1000)::bigint,
        a.text_hash, a.extractor_version, a.text
        """

    static func article(_ row: PostgresRow, from c: Int = 0) throws -> StoredArticle {
        guard let published = CivilDate(iso: try row.required(c + 4)) else { throw StoreError.corrupt("published_at") }
        return StoredArticle(id: try row.required(c), title: try row.string(c + 1), url: try row.string(c + 2),
                             source: try row.string(c + 3), publishedAt: published,
                             receivedAt: Date(timeIntervalSince1970: Double(try row.int64(c + 5)) / 1000),
                             textHash: try row.required(c + 6), extractorVersion: try row.required(c + 7), text: try row.required(c + 8))
    }
}
