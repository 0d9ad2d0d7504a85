import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

/// `figure_totals` kept at write time from `FigureTotals.Deltas`: one upsert for every
/// group an article touches, in key order (so two nodes lock the shared rows, such as a
/// currency's, in the same order), added up in `numeric`.
enum PostgresLedgerTotals {
    /// The upsert of `deltas`, its placeholders after `offset` other parameters (so a write
    /// can run it as part of a larger statement); nil when there is nothing to change.
    static func upsert(_ deltas: FigureTotals.Deltas, offset: Int = 0)
        -> (sql: String, values: [(any PostgresEncodable)?], keys: [FigureTotals.Key])? {
        let keys = deltas.order.filter { key in deltas.byKey[key].map { $0.count != 0 || $0.total != 0 } ?? false }
            .sorted { [$0.group.grouping.rawValue, $0.group.key, $0.currency].lexicographicallyPrecedes(
                [$1.group.grouping.rawValue, $1.group.key, $1.currency]) { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        guard !keys.isEmpty else { return nil }
        var rows = PostgresRowsClause(offset: offset)
        for (n, key) in keys.enumerated() {
            let d = deltas.byKey[key]!
            // A removal (count below zero) keeps the row's min and max: they are recomputed below if need be.
            rows.row([n, key.group.grouping.rawValue, key.group.key, key.currency, d.count, d.total, d.min ?? 0, d.max ?? 0],
                     casts: ["::integer", "", "", "", "::integer", "::numeric", "::numeric", "::numeric"])
        }
        return ("""
            INSERT INTO figure_totals AS t (grouping, group_key, currency, count, total, min_amount, max_amount)
            SELECT v.g, v.k, v.c, v.count, v.total, v.lo, v.hi
            FROM (VALUES \(rows.sql)) AS v (n, g, k, c, count, total, lo, hi) ORDER BY v.n
            ON CONFLICT (grouping, group_key, currency) DO UPDATE SET count = t.count + excluded.count,
                total = t.total + excluded.total,
                min_amount = CASE WHEN excluded.count > 0 THEN LEAST(t.min_amount, excluded.min_amount) ELSE t.min_amount END,
                max_amount = CASE WHEN excluded.count > 0 THEN GREATEST(t.max_amount, excluded.max_amount) ELSE t.max_amount END
            """, rows.values, keys)
    }

    /// Applies `deltas` (a removal's, or a write's), then deletes emptied groups and
    /// recomputes a min or max that a removed figure was.
    static func apply(_ deltas: FigureTotals.Deltas, in c: PostgresConnection) throws {
        guard let (sql, values, keys) = upsert(deltas) else { return }
        let after = try c.query(sql + "\nRETURNING grouping, group_key, currency, count, min_amount, max_amount", values)
        var empty = PostgresRowsClause()
        for row in after {
            guard let grouping = FigureGrouping(rawValue: try row.required(0)) else { throw StoreError.corrupt("grouping") }
            let groupKey = try row.required(1), currency = try row.required(2)
            if try row.integer(3) <= 0 {
                empty.row([grouping.rawValue, groupKey, currency])
                continue
            }
            let removed = deltas.byKey[keys.first { $0.group.grouping == grouping && $0.group.key == groupKey && $0.currency == currency }!]!.removed
            // A removed figure that was the least or greatest: ask the figures that remain.
            let low = try row.decimal(4), high = try row.decimal(5)
            guard removed.contains(low) || removed.contains(high) else { continue }
            try recomputeExtremes(grouping: grouping, key: groupKey, currency: currency, in: c)
        }
        if !empty.isEmpty {
            _ = try c.query("DELETE FROM figure_totals WHERE (grouping, group_key, currency) IN (\(empty.sql))", empty.values)
        }
    }

    /// Least and greatest remaining amount of a group, through the index that group has.
    private static func recomputeExtremes(grouping: FigureGrouping, key: String, currency: String, in c: PostgresConnection) throws {
        let from: String, values: [(any PostgresEncodable)?]
        switch grouping {
        case .currency:
            (from, values) = ("figures f WHERE f.currency = $1", [currency])
        case .month:
            guard let first = ArchiveIdentity.firstDay(key) else { return }
            let end = ArchiveIdentity.firstDay(String(first.adding(days: 31).description.prefix(7)))!.dayNumber
            (from, values) = ("figures f WHERE f.currency = $1 AND f.published_day >= $2 AND f.published_day < $3",
                              [currency, first.dayNumber, end])
        case .entity:
            (from, values) = ("""
                figure_entities fe JOIN archive_entities e ON e.ref = fe.ref JOIN figures f ON f.id = fe.figure_id
                WHERE f.currency = $1 AND e.id = $2
                """, [currency, key])
        case .article:
            return  // an article's figures go all together
        }
        _ = try c.query("""
            UPDATE figure_totals SET min_amount = m.lo, max_amount = m.hi
            FROM (SELECT min(f.amount) AS lo, max(f.amount) AS hi FROM \(from)) m
            WHERE m.lo IS NOT NULL AND grouping = $\(values.count + 1) AND group_key = $\(values.count + 2) AND currency = $1
            """, values + [grouping.rawValue, key])
    }
}
