import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

extension PostgresLedgerWrite {
    /// One stored per-article entity row, decoded.
    struct StoredRow {
        var seq: Int64
        var position: Int
        var ref: Int64
        var type: EntityType
        var name: String
        var key: String
        var mentions: [Mention]
        var date: DateValue?
        var archiveID: String
    }

    /// Rows of the articles `seqs` in stored order, with their archive ids; `types` keeps only those.
    static func rows(seqs: [Int64], types: [EntityType]? = nil, in c: PostgresConnection) throws -> [StoredRow] {
        try c.query("""
            SELECT e.article_seq, e.position, e.ref, x.type, e.name, coalesce(e.key, x.key), e.mentions, e.texts, e.date,
                   e.date_to, e.grain, x.id
            FROM article_entities e JOIN archive_entities x ON x.ref = e.ref
            WHERE e.article_seq = ANY($1::bigint[]) AND ($2::text[] IS NULL OR x.type = ANY($2::text[]))
            ORDER BY e.article_seq, e.position
            """, [PostgresLedgerSQL.array(seqs), types.map { "{" + $0.map(\.rawValue).joined(separator: ",") + "}" }]).map { row in
            let typeText = try row.required(3)
            guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
            let name = try row.required(4)
            var date: DateValue?
            if let grainText = try row.string(10) {
                guard let grain = DateGrain(rawValue: grainText) else { throw StoreError.corrupt("date grain \(grainText)") }
                let first = try row.string(8), to = try row.string(9)
                date = to == nil ? DateValue(date: first, grain: grain) : DateValue(from: first, to: to, grain: grain)
            }
            return StoredRow(seq: try row.int64(0), position: try row.integer(1), ref: try row.int64(2), type: type, name: name,
                             key: try row.required(5),
                             mentions: try MentionPacking.unpack(try row.bytes(6), name: name, texts: try row.string(7)),
                             date: date, archiveID: try row.required(11))
        }
    }

    /// The entities of article `seq` as `SQLiteArticleStore.entitiesWithArchiveIDs` returns
    /// them (stored order, mentions by offset), read inside the caller's transaction.
    static func storedEntities(seq: Int64, type: EntityType?, in c: PostgresConnection) throws -> [(entity: Entity, archiveID: String?)] {
        let rows = try rows(seqs: [seq], types: type.map { [$0] }, in: c)
        var money: [Int: MoneyValue] = [:]
        if rows.contains(where: { $0.type == .money }) {
            // A money entity's value is its figures' (one figure per mention, all alike).
            for row in try c.query("""
                SELECT f.position, \(PostgresLedgerSQL.moneyColumns) FROM figures f WHERE f.article_seq = $1 ORDER BY f.id
                """, [seq]) where money[try row.integer(0)] == nil {
                money[try row.integer(0)] = try PostgresLedgerSQL.moneyValue(row, from: 1)
            }
        }
        return rows.map { r in
            let value: EntityValue?
            switch r.type {
            case .money: value = money[r.position].map { .money($0) }
            case .date: value = r.date.map { .date($0) }
            case .person, .organisation, .place: value = nil
            }
            return (Entity(id: EntityKeys.id(type: r.type, key: r.key), type: r.type, name: r.name, key: r.key, value: value,
                           mentions: r.mentions), ArchiveIdentity.hasNames(r.type) ? r.archiveID : nil)
        }
    }

    /// Removes article `seq`'s ledger rows (before its deletion or re-extraction), taking
    /// it out of every count and total.
    static func remove(seq: Int64, articleID: String, publishedAt: CivilDate, in c: PostgresConnection) throws {
        let stored = try rows(seqs: [seq], in: c)
        var order: [Int64] = [], tallies: [Int64: (type: EntityType, id: String, tally: ArchiveTally)] = [:]
        for row in stored {
            if tallies[row.ref] == nil { order.append(row.ref); tallies[row.ref] = (row.type, row.archiveID, ArchiveTally(firstName: row.name)) }
            tallies[row.ref]!.tally.count(type: row.type, name: row.name, mentions: row.mentions)
        }
        try PostgresLedgerSQL.lockEntities(tallies.values.map(\.id), in: c)
        var totals = FigureTotals.Deltas()
        var sentenceIDs: [Int64: [String]] = [:]
        for row in try c.query("""
            SELECT fe.figure_id, e.id FROM figures f JOIN figure_entities fe ON fe.figure_id = f.id JOIN archive_entities e ON e.ref = fe.ref
            WHERE f.article_seq = $1 ORDER BY fe.figure_id, e.ref
            """, [seq]) {
            sentenceIDs[try row.int64(0), default: []].append(try row.required(1))
        }
        let figures = try c.query("DELETE FROM figures WHERE article_seq = $1 RETURNING id, amount, currency", [seq])
        for row in figures {
            let currency = try row.required(2), amount = try row.decimal(1)
            for group in FigureTotals.groups(currency: currency, publishedAt: publishedAt, articleID: articleID,
                                             entityIDs: sentenceIDs[try row.int64(0)] ?? []) {
                totals.add(group, currency: currency, amount: amount, sign: -1)
            }
        }
        _ = try c.query("DELETE FROM article_entities WHERE article_seq = $1", [seq])
        // After the rows are gone, so a min or max recomputed from the remaining figures is right.
        try PostgresLedgerTotals.apply(totals, in: c)
        try removeArticle(from: order, tallies: tallies.mapValues { ($0.type, $0.tally) }, in: c)
    }

    private static func removeArticle(from order: [Int64], tallies: [Int64: (type: EntityType, tally: ArchiveTally)],
                                      in c: PostgresConnection) throws {
        guard !order.isEmpty else { return }
        let refs = PostgresLedgerSQL.array(order)
        var counts = PostgresRowsClause(), names = PostgresRowsClause()
        for ref in order {
            let t = tallies[ref]!
            counts.row([ref, t.tally.mentions], casts: ["::bigint", "::integer"])
            for (seen, count) in t.tally.names { names.row([ref, seen, count.mentions, count.canonical], casts: ["::bigint", "", "::integer", "::integer"]) }
        }
        _ = try c.query("""
            UPDATE archive_entities x SET article_count = x.article_count - 1, mention_count = x.mention_count - v.m
            FROM (VALUES \(counts.sql)) AS v (ref, m) WHERE x.ref = v.ref
            """, counts.values)
        _ = try c.query("DELETE FROM archive_entities WHERE ref = ANY($1::bigint[]) AND article_count <= 0", [refs])
        guard !names.isEmpty else { return }
        _ = try c.query("""
            UPDATE archive_names n SET mentions = n.mentions - v.m, canonical = n.canonical - v.c
            FROM (VALUES \(names.sql)) AS v (ref, name, m, c) WHERE n.ref = v.ref AND n.name = v.name
            """, names.values)
        _ = try c.query("DELETE FROM archive_names WHERE ref = ANY($1::bigint[]) AND mentions <= 0 AND canonical <= 0", [refs])
        // The canonical name goes when no article gives it any more: the longest left takes over.
        for row in try c.query("""
            SELECT x.ref, (SELECT n.name FROM archive_names n WHERE n.ref = x.ref AND n.canonical > 0
                           ORDER BY char_length(n.name) DESC, n.canonical DESC, n.name LIMIT 1)
            FROM archive_entities x
            WHERE x.ref = ANY($1::bigint[]) AND x.type IN ('person', 'organisation', 'place')
              AND NOT EXISTS (SELECT 1 FROM archive_names n WHERE n.ref = x.ref AND n.name = x.name AND n.canonical > 0)
            """, [refs]) {
            guard let name = try row.string(1) else { continue }
            _ = try c.query("UPDATE archive_entities SET name = $1, folded = $2 WHERE ref = $3", [name, name.lowercased(), try row.int64(0)])
        }
    }
}
