import EntityExtraction
import Foundation

/// How `figure_totals` stores a group (migration 9): the grouping as a small code and the
/// key in the fewest bytes that still sort as the summary lists them, so each page is one
/// walk of the primary key. Currency codes stay text; a month is its number
/// (`year × 12 + month − 1`); an entity id (`ent_` + 16 hex digits) is its 8 bytes; an
/// article's key is its day (4 bytes, offset so earlier days sort first) and its id's
/// 8 bytes. Byte order of these blobs is the text order of the keys they replace. An id not
/// of that form (this service never makes one) is kept as text.
extension FigureTotals.Group {
    static let codes: [FigureGrouping] = [.currency, .month, .entity, .article]

    static func code(_ grouping: FigureGrouping) -> Int { codes.firstIndex(of: grouping)! }

    /// The stored key of this group.
    var storedKey: SQLiteValue {
        switch grouping {
        case .currency:
            return .text(key)
        case .month:
            guard let first = ArchiveIdentity.firstDay(key) else { return .text(key) }
            return .int(first.year * 12 + first.month - 1)
        case .entity:
            return Self.idBytes(key).map { .blob($0) } ?? .text(key)
        case .article:
            // `published_at + ' ' + art_ id`
            guard let date = CivilDate(iso: String(key.prefix(10))), let id = Self.idBytes(String(key.dropFirst(11))) else {
                return .text(key)
            }
            let day = UInt32(truncatingIfNeeded: Int64(date.dayNumber) + Int64(Int32.max) + 1)
            return .blob([24, 16, 8, 0].map { UInt8(truncatingIfNeeded: day >> $0) } + id)
        }
    }

    /// The text key back from a stored key (`type` is its SQLite `typeof`).
    static func key(_ grouping: FigureGrouping, row: SQLiteRow, column: Int32, type: String) throws -> String {
        switch (grouping, type) {
        case (_, "text"): return row.text(column)
        case (.month, "integer"):
            let n = row.int(column)
            guard n >= 0, let date = CivilDate(year: n / 12, month: n % 12 + 1, day: 1) else { break }
            return String(date.description.prefix(7))
        case (.entity, "blob"):
            let bytes = row.bytes(column)
            guard bytes.count == 8 else { break }
            return "ent_" + hex(bytes)
        case (.article, "blob"):
            let bytes = row.bytes(column)
            guard bytes.count == 12 else { break }
            let day = bytes.prefix(4).reduce(0) { $0 << 8 | Int64($1) } - Int64(Int32.max) - 1
            return CivilDate(dayNumber: Int(day)).description + " art_" + hex(Array(bytes.dropFirst(4)))
        default: break
        }
        throw StoreError.corrupt("figure_totals key of \(grouping.rawValue) as \(type)")
    }

    /// `xxx_` + 16 lower-case hex digits as 8 bytes.
    private static func idBytes(_ id: String) -> [UInt8]? {
        let parts = id.utf8.split(separator: UInt8(ascii: "_"), maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 16 else { return nil }
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in parts[1] {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            default: return nil
            }
            if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
        }
        return bytes
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined()
    }
}
