import EntityExtraction
import Foundation

extension LedgerWrite {
    /// One stored per-article entity row, decoded.
    struct StoredRow {
        var position: Int
        var ref: Int64
        var type: EntityType
        var name: String
        var key: String
        var mentions: [Mention]
        var date: DateValue?
    }

    /// An article's rows in stored order, with their archive ids; `types` keeps only those.
    static func rows(seq: Int64, types: [EntityType]? = nil, in db: SQLiteConnection) throws -> [(row: StoredRow, id: String)] {
        guard let set = try db.query("""
            SELECT s.entities, a.text FROM article_entity_sets s JOIN articles a ON a.seq = s.article_seq WHERE s.article_seq = ?
            """, [.integer(seq)], { (blob: $0.bytes(0), text: $0.bytes(1)) }).first else { return [] }
        let rows = try decode(set.blob, text: CodePointText(utf8: set.text), in: db)
        guard let types else { return rows }
        return rows.filter { types.contains($0.row.type) }
    }

    /// An entity set's rows with their archive ids; `keep` (position, ref) skips the others.
    static func decode(_ blob: [UInt8], text: CodePointText, keep: ((Int, Int64) -> Bool)? = nil,
                       in db: SQLiteConnection) throws -> [(row: StoredRow, id: String)] {
        let items = try EntitySetPacking.unpack(blob, text: text, keep: keep)
        return try rows(items, archive: try archiveEntities(Set(items.map(\.item.ref)), in: db))
    }

    /// Unpacked items as rows, given their archive entities (`archiveEntities`).
    static func rows(_ items: [(position: Int, item: EntitySetPacking.Item)],
                     archive: [Int64: (type: EntityType, key: String, id: String)]) throws -> [(row: StoredRow, id: String)] {
        try items.map { position, item in
            guard let x = archive[item.ref] else { throw StoreError.corrupt("archive entity \(item.ref) missing") }
            return (StoredRow(position: position, ref: item.ref, type: x.type, name: item.name, key: item.key ?? x.key,
                              mentions: item.mentions, date: item.date), x.id)
        }
    }

    /// Type, key and id of archive entities, by ref.
    static func archiveEntities(_ refs: Set<Int64>, in db: SQLiteConnection) throws -> [Int64: (type: EntityType, key: String, id: String)] {
        guard !refs.isEmpty else { return [:] }
        let list = "[" + refs.map(String.init).joined(separator: ",") + "]"
        var out: [Int64: (type: EntityType, key: String, id: String)] = [:]
        _ = try db.query("""
            SELECT x.ref, x.type, x.key, x.id FROM json_each(?) j CROSS JOIN archive_entities x ON x.ref = j.value
            """, [.text(list)]) { row in
            let typeText = row.text(1)
            guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
            out[row.int64(0)] = (type, row.text(2), row.text(3))
        }
        return out
    }

    /// Removes everything extracted from article `seq`, taking it out of every count and total.
    /// The links other articles still have waiting are moved first: a total's least or
    /// greatest figure is looked for again through `figure_entities`.
    static func remove(seq: Int64, articleID: String, publishedAt: CivilDate, in db: SQLiteConnection) throws {
        try IndexBacklog.move(in: db)
        let storedWithIDs = try rows(seq: seq, in: db)
        let stored = storedWithIDs.map(\.row)
        var perRef: [Int64: (type: EntityType, mentions: Int, names: [String: (mentions: Int, canonical: Int)])] = [:]
        for row in stored {
            var agg = perRef[row.ref] ?? (row.type, 0, [:])
            agg.mentions += row.mentions.count
            if ArchiveIdentity.isNameType(row.type) {
                for m in row.mentions { agg.names[ArchiveIdentity.seenName(m.text), default: (0, 0)].mentions += 1 }
                agg.names[ArchiveIdentity.seenName(row.name), default: (0, 0)].canonical += 1
            }
            perRef[row.ref] = agg
        }
        let range = try FigureRange.of(seq: seq, in: db)
        let bounds: [SQLiteValue] = [.integer(range.first), .integer(range.first + range.count - 1)]
        let figures = try db.query("""
            SELECT id, amount, currency, sentence_start, sentence_end FROM figures WHERE id BETWEEN ? AND ?
            """, bounds) { row in
            (id: row.int64(0), amount: try Decimal.stored(row.text(1)), currency: row.text(2), sentence: row.int(3)..<row.int(4))
        }
        let ids = Dictionary(storedWithIDs.map { ($0.row.ref, $0.id) }, uniquingKeysWith: { a, _ in a })
        var totals = FigureTotals.Deltas()
        let month = String(publishedAt.description.prefix(7))
        let sentenceRows = stored.map { ArchiveIdentity.SentenceEntity(ref: $0.ref, type: $0.type, mentions: $0.mentions) }
        for figure in figures {
            var groups = [FigureTotals.Group(grouping: .currency, key: figure.currency), FigureTotals.Group(grouping: .month, key: month)]
            for ref in ArchiveIdentity.entities(in: figure.sentence, of: sentenceRows) {
                try db.run("DELETE FROM figure_entities WHERE ref = ? AND figure_id = ?", [.integer(ref), .integer(figure.id)])
                groups.append(FigureTotals.Group(grouping: .entity, key: ids[ref] ?? ""))
            }
            for group in groups { totals.add(group, currency: figure.currency, amount: figure.amount, sign: -1) }
        }
        if !figures.isEmpty { try FigureSearch.unindex(seq: seq, in: db) }
        try db.run("DELETE FROM figures WHERE id BETWEEN ? AND ?", bounds)
        try db.run("DELETE FROM article_figures WHERE article_seq = ?", [.integer(seq)])
        for ref in perRef.keys {
            try db.run("DELETE FROM article_entities WHERE ref = ? AND day = ? AND article_seq = ?",
                       [.integer(ref), .int(publishedAt.dayNumber), .integer(seq)])
        }
        try db.run("DELETE FROM article_entity_sets WHERE article_seq = ?", [.integer(seq)])
        // After the rows are gone, so a min or max recomputed from the remaining figures is right.
        try FigureTotals.apply(totals, in: db)
        for (ref, agg) in perRef {
            try removeArticle(from: ref, type: agg.type, mentions: agg.mentions, names: agg.names, in: db)
        }
    }

    private static func removeArticle(from ref: Int64, type: EntityType, mentions: Int,
                                      names: [String: (mentions: Int, canonical: Int)], in db: SQLiteConnection) throws {
        let left = try db.query("""
            UPDATE archive_entities SET article_count = article_count - 1, mention_count = mention_count - ?
            WHERE ref = ? RETURNING article_count, name
            """, [.int(mentions), .integer(ref)]) { (articles: $0.int(0), name: $0.text(1)) }
        guard let row = left.first else { throw StoreError.corrupt("archive entity \(ref) missing") }
        if row.articles <= 0 {
            try db.run("DELETE FROM archive_entities WHERE ref = ?", [.integer(ref)])
            try db.run("DELETE FROM archive_names WHERE ref = ?", [.integer(ref)])
            return
        }
        for (seen, count) in names {
            try db.run("UPDATE archive_names SET mentions = mentions - ?, canonical = canonical - ? WHERE ref = ? AND name = ?",
                       [.int(count.mentions), .int(count.canonical), .integer(ref), .text(seen)])
        }
        try db.run("DELETE FROM archive_names WHERE ref = ? AND mentions <= 0 AND canonical <= 0", [.integer(ref)])
        // The canonical name goes when no article gives it any more: the longest left takes over.
        let still = try db.query("SELECT canonical FROM archive_names WHERE ref = ? AND name = ?",
                                 [.integer(ref), .text(row.name)]) { $0.int(0) }.first ?? 0
        guard still <= 0, ArchiveIdentity.isNameType(type) else { return }
        if let name = try db.query("""
            SELECT name FROM archive_names WHERE ref = ? AND canonical > 0
            ORDER BY length(name) DESC, canonical DESC, name LIMIT 1
            """, [.integer(ref)], { $0.text(0) }).first {
            try db.run("UPDATE archive_entities SET name = ?, folded = ? WHERE ref = ?", [.text(name), .text(name.lowercased()), .integer(ref)])
        }
    }
}
