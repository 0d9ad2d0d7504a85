import Foundation

/// Count, exact total, min and max of figures per group and currency, kept in
/// `figure_totals` as each article is written or removed, so a summary reads a few rows
/// instead of adding up every figure. Totals are added in `Decimal`, never in floating point.
public enum FigureTotals {
    public struct Group: Hashable, Sendable {
        public var grouping: FigureGrouping
        public var key: String
    }

    public struct Key: Hashable, Sendable {
        public var group: Group
        public var currency: String
    }

    public struct Delta: Sendable {
        public var count = 0
        public var total: Decimal = 0
        public var min: Decimal?
        public var max: Decimal?
        public var removed: [Decimal] = []
    }

    /// The changes one write makes, gathered per group first so each group row is written once.
    public struct Deltas: Sendable {
        public var byKey: [Key: Delta] = [:]
        public var order: [Key] = []

        public init() {}

        /// Empty again, keeping the tables' room when asked.
        public mutating func removeAll(keepingCapacity keep: Bool) {
            byKey.removeAll(keepingCapacity: keep)
            order.removeAll(keepingCapacity: keep)
        }

        public mutating func add(_ group: Group, currency: String, amount: Decimal, sign: Int = 1) {
            let key = Key(group: group, currency: currency)
            let known = byKey.count
            // One lookup, changed in place: this runs for every group of every figure written.
            Self.change(&byKey[key, default: Delta()], amount: amount, sign: sign)
            if byKey.count > known { order.append(key) }
        }

        private static func change(_ d: inout Delta, amount: Decimal, sign: Int) {
            d.count += sign
            d.total += sign > 0 ? amount : -amount
            if sign > 0 {
                // As `Swift.min(d.min ?? amount, amount)` and `max`, with no compare for the first.
                if let low = d.min { d.min = Swift.min(low, amount) } else { d.min = amount }
                if let high = d.max { d.max = Swift.max(high, amount) } else { d.max = amount }
            } else {
                d.removed.append(amount)
            }
        }
    }

    static func apply(_ deltas: Deltas, in db: SQLiteConnection) throws {
        for key in deltas.order {
            guard let d = deltas.byKey[key], d.count != 0 || d.total != 0 else { continue }
            let where_: [SQLiteValue] = [.int(Group.code(key.group.grouping)), key.group.storedKey, .text(key.currency)]
            let current = try db.query("""
                SELECT count, total, IFNULL(min_amount, total), IFNULL(max_amount, total) FROM figure_totals
                WHERE grouping = ? AND group_key = ? AND currency = ?
                """, where_) { row in
                (count: row.int(0), total: try Decimal.stored(row.text(1)), min: try Decimal.stored(row.text(2)),
                 max: try Decimal.stored(row.text(3)))
            }.first
            let count = (current?.count ?? 0) + d.count
            if count <= 0 {
                try db.run("DELETE FROM figure_totals WHERE grouping = ? AND group_key = ? AND currency = ?", where_)
                continue
            }
            let total = (current?.total ?? 0) + d.total
            var low = [current?.min, d.min].compactMap { $0 }.min()!
            var high = [current?.max, d.max].compactMap { $0 }.max()!
            // A removed figure that was the least or greatest: ask the figures that remain.
            if d.removed.contains(low) || d.removed.contains(high) {
                (low, high) = try extremes(of: key, in: db) ?? (low, high)
            }
            try db.run("""
                INSERT INTO figure_totals (grouping, group_key, currency, count, total, min_amount, max_amount)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (grouping, group_key, currency) DO UPDATE SET count = excluded.count, total = excluded.total,
                    min_amount = excluded.min_amount, max_amount = excluded.max_amount
                """, where_ + [.int(count), .text(total.plainDescription), low == total ? .null : .text(low.plainDescription),
                               high == total ? .null : .text(high.plainDescription)])
        }
    }

    /// Least and greatest remaining amount of a group, through the index that group has.
    private static func extremes(of key: Key, in db: SQLiteConnection) throws -> (Decimal, Decimal)? {
        let from: String, values: [SQLiteValue]
        switch key.group.grouping {
        case .currency:
            (from, values) = ("figures f WHERE f.currency = ?", [.text(key.currency)])
        case .month:
            guard let first = ArchiveIdentity.firstDay(key.group.key) else { return nil }
            let next = first.adding(days: 31)
            let end = ArchiveIdentity.firstDay(String(next.description.prefix(7)))!.dayNumber
            (from, values) = ("figures f WHERE f.currency = ? AND f.published_day >= ? AND f.published_day < ?",
                              [.text(key.currency), .int(first.dayNumber), .int(end)])
        case .entity:
            (from, values) = ("""
                figure_entities fe JOIN archive_entities e ON e.ref = fe.ref JOIN figures f ON f.id = fe.figure_id
                WHERE e.id = ? AND f.currency = ?
                """, [.text(key.group.key), .text(key.currency)])
        case .article:
            return nil  // an article's figures go all together
        }
        let low = try db.query("SELECT f.amount FROM \(from) ORDER BY f.amount_real LIMIT 1", values) { try Decimal.stored($0.text(0)) }
        let high = try db.query("SELECT f.amount FROM \(from) ORDER BY f.amount_real DESC LIMIT 1", values) { try Decimal.stored($0.text(0)) }
        guard let l = low.first, let h = high.first else { return nil }
        return (l, h)
    }
}
