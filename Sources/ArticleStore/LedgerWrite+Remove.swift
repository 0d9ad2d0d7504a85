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

    /// Over `article_entities e JOIN archive_entities x ON x.ref = e.ref`; then the archive id.
    static let rowColumns = "e.position, e.ref, x.type, e.name, IFNULL(e.key, x.key), e.mentions, e.texts, e.date, e.date_to, e.grain, x.id"

    static func decodeRow(_ row: SQLiteRow, from column: Int32 = 0) throws -> StoredRow {
        let typeText = row.text(column + 2)
        guard let type = EntityType(rawValue: typeText) else { throw StoreError.corrupt("entity type \(typeText)") }
        let name = row.text(column + 3)
        var date: DateValue?
        if let grainText = row.optionalText(column + 9) {
            guard let grain = DateGrain(rawValue: grainText) else { throw StoreError.corrupt("date grain \(grainText)") }
            let first = row.optionalText(column + 7), to = row.optionalText(column + 8)
            date = to == nil ? DateValue(date: first, grain: grain) : DateValue(from: first, to: to, grain: grain)
        }
        return StoredRow(position: row.int(column), ref: row.int64(column + 1), type: type, name: name, key: row.text(column + 4),
                         mentions: try MentionPacking.unpack(row.bytes(column + 5), name: name, texts: row.optionalText(column + 6)),
                         date: date)
    }

    /// An article's rows in stored order, with their archive ids; `types` keeps only those.
    static func rows(seq: Int64, types: [EntityType]? = nil, in db: SQLiteConnection) throws -> [(row: StoredRow, id: String)] {
        var condition = ""
        if let types { condition = " AND x.type IN (" + types.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")" }
        return try db.query("""
            SELECT \(rowColumns) FROM article_entities e JOIN archive_entities x ON x.ref = e.ref
            WHERE e.article_seq = ?\(condition) ORDER BY e.position
            """, [.integer(seq)]) { (try decodeRow($0), $0.text(10)) }
    }

    /// Removes everything extracted from article `seq`, taking it out of every count and total.
    static func remove(seq: Int64, articleID: String, publishedAt: CivilDate, in db: SQLiteConnection) throws {
        let stored = try rows(seq: seq, in: db).map(\.row)
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
        let figures = try db.query("""
            SELECT id, amount, currency, sentence_start, sentence_end FROM figures WHERE article_seq = ?
            """, [.integer(seq)]) { row in
            (id: row.int64(0), amount: try Decimal.stored(row.text(1)), currency: row.text(2), sentence: row.int(3)..<row.int(4))
        }
        let ids = try Dictionary(uniqueKeysWithValues: perRef.keys.map { ref in
            (ref, try db.query("SELECT id FROM archive_entities WHERE ref = ?", [.integer(ref)]) { $0.text(0) }.first ?? "")
        })
        var totals = FigureTotals.Deltas()
        let month = String(publishedAt.description.prefix(7))
        let articleGroup = publishedAt.description + " " + articleID
        let sentenceRows = stored.map { (ref: $0.ref, type: $0.type, mentions: $0.mentions) }
        for figure in figures {
            var groups = [FigureTotals.Group(grouping: .currency, key: figure.currency), FigureTotals.Group(grouping: .month, key: month),
                          FigureTotals.Group(grouping: .article, key: articleGroup)]
            for ref in ArchiveIdentity.entities(in: figure.sentence, of: sentenceRows) {
                try db.run("DELETE FROM figure_entities WHERE ref = ? AND figure_id = ?", [.integer(ref), .integer(figure.id)])
                groups.append(FigureTotals.Group(grouping: .entity, key: ids[ref] ?? ""))
            }
            for group in groups { totals.add(group, currency: figure.currency, amount: figure.amount, sign: -1) }
        }
        if !figures.isEmpty { try FigureSearch.unindex(seq: seq, in: db) }
        try db.run("DELETE FROM figures WHERE article_seq = ?", [.integer(seq)])
        try db.run("DELETE FROM article_entities WHERE article_seq = ?", [.integer(seq)])
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
