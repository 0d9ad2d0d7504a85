import EntityExtraction
import Foundation

/// Writes and removes one article's extraction inside the caller's transaction, keeping the
/// archive entities, their names seen and the figure totals exact.
enum LedgerWrite {
    struct Target: Hashable {
        var type: EntityType
        var key: String
    }

    /// What the entities of one article that land on one archive entity add up to. (A struct,
    /// not a tuple: arrays of tuples are copied and freed element by element through runtime metadata.)
    private struct Aggregate {
        var mentions: Int
        var names: [String: (mentions: Int, canonical: Int)]
        var name: String
        var nameLength: Int
    }

    /// Stores the extraction of article `seq`; returns the archive id of each entity, by
    /// the entity's id within the article. The figures' sentences are left for the caller
    /// to index (`FigureSearch.index`, or `SearchIndexing` for new articles).
    /// The archive-wide counts it changes are gathered in the returned changes, for the
    /// caller to `merge` into `batch` once the article's whole write has succeeded.
    /// With `queueLinks`, the rows from its archive entities to it and its figures wait in
    /// `IndexBacklog` (a write of new articles); without, they are written at once.
    static func write(_ extraction: Extraction, seq: Int64, articleID: String, publishedAt: CivilDate, text: String,
                      queueLinks: Bool = false, batch: LedgerBatch,
                      in db: SQLiteConnection) throws -> (ids: [String: String], changes: LedgerBatch.Changes) {
        let entities = SQLiteArticleStore.storedOrder(extraction.entities)
        // Each entity's position by its id, which is also the check that no id comes twice.
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entities.count)
        for position in entities.indices where positions.updateValue(position, forKey: entities[position].id) != nil {
            throw StoreError.corrupt("the extraction lists entity \(entities[position].id) twice")
        }
        // Entities of one article that land on the same archive entity count it once: each
        // archive entity gets a slot, in the order of first mention (so archive entities are
        // numbered alike on every node), and is hashed once.
        var targets: [Target] = []  // by slot
        var slotOf: [Target: Int] = [:]
        slotOf.reserveCapacity(entities.count)
        var entitySlots: [Int] = []  // by position
        entitySlots.reserveCapacity(entities.count)
        // The longest name of each slot comes with its length in scalars, counted once a name.
        var aggregates: [Aggregate] = []
        aggregates.reserveCapacity(entities.count)
        for entity in entities {
            let target = try archiveTarget(type: entity.type, key: entity.key, batch: batch, in: db)
            let slot: Int
            let length = entity.name.unicodeScalars.count
            if let known = slotOf[target] {
                slot = known
                if length > aggregates[slot].nameLength { (aggregates[slot].name, aggregates[slot].nameLength) = (entity.name, length) }
            } else {
                slot = targets.count
                slotOf[target] = slot
                targets.append(target)
                aggregates.append(Aggregate(mentions: 0, names: [:], name: entity.name, nameLength: length))
            }
            entitySlots.append(slot)
            aggregates[slot].mentions += entity.mentions.count
            if ArchiveIdentity.isNameType(entity.type) {
                for m in entity.mentions {
                    aggregates[slot].names[ArchiveIdentity.seenName(m.text), default: (0, 0)].mentions += 1
                }
                aggregates[slot].names[ArchiveIdentity.seenName(entity.name), default: (0, 0)].canonical += 1
            }
        }
        var refs: [Int64] = []  // by slot
        // Each archive id hashed once per write: SHA-256 is the costliest step of an insert.
        var archiveIDs: [String] = []  // by slot
        var idOfRef: [Int64: String] = [:]
        var changes = LedgerBatch.Changes()
        for (target, agg) in zip(targets, aggregates) {
            let id = ArchiveIdentity.id(type: target.type, key: target.key)
            let name = ArchiveIdentity.seenName(agg.name)
            let nameLength = name == agg.name ? agg.nameLength : name.unicodeScalars.count
            let (ref, storedName) = try archiveRow(of: target, id: id, name: name, batch: batch, in: db)
            changes.addArticle(id: id, ref: ref, storedName: storedName, surname: ArchiveIdentity.surname(type: target.type, key: target.key),
                               mentions: agg.mentions, name: name, nameLength: nameLength, names: agg.names)
            refs.append(ref)
            archiveIDs.append(id)
            idOfRef[ref] = id
        }
        let day = publishedAt.dayNumber
        var ids: [String: String] = [:]
        ids.reserveCapacity(entities.count)
        var rows: [ArchiveIdentity.SentenceEntity] = []
        rows.reserveCapacity(entities.count)
        var dates: [ArchiveIdentity.DatedEntity] = []
        var items: [EntitySetPacking.Item] = []
        var types = 0
        for (position, entity) in entities.enumerated() {
            let slot = entitySlots[position], target = targets[slot], ref = refs[slot]
            if ArchiveIdentity.isNameType(entity.type) { ids[entity.id] = archiveIDs[slot] }
            rows.append(ArchiveIdentity.SentenceEntity(ref: ref, type: entity.type, mentions: entity.mentions))
            var date: DateValue?
            if case .date(let value)? = entity.value {
                date = value
                if let first = ArchiveIdentity.firstDay(of: value) {
                    dates.append(ArchiveIdentity.DatedEntity(position: position, value: value, firstDay: first.dayNumber, mentions: entity.mentions))
                }
            }
            types |= EntitySetPacking.typeBit(target.type)
            items.append(EntitySetPacking.Item(ref: ref, name: entity.name,
                                               key: entity.key == target.key && entity.type == target.type ? nil : entity.key,
                                               mentions: entity.mentions, date: date))
        }
        let refsNamed = try storeSet(items, types: types, seq: seq, day: day, text: text, queueLinks: queueLinks, in: db)
        var figureLinks: [(ref: Int64, figureID: Int64)] = []
        let month = String(publishedAt.description.prefix(7))
        // Consecutive ids, so the article keeps its figures as one range (`article_figures`).
        let first = try db.query("SELECT IFNULL(MAX(id), 0) + 1 FROM figures") { $0.int64(0) }.first ?? 1
        for (offset, figure) in extraction.figures.enumerated() {
            guard let position = positions[figure.entityID] else {
                throw StoreError.corrupt("figure of unknown entity \(figure.entityID)")
            }
            let v = figure.value
            let date = ArchiveIdentity.sentenceDate(for: figure, among: dates)
            let dateStart = date?.firstDay ?? day
            let figureID = first + Int64(offset)
            try db.run("""
                INSERT INTO figures (id, article_seq, position, published_day, amount, amount_real, currency, currency_resolution,
                    currency_evidence, qualifier, min_amount, max_amount, text, start, "end", sentence_start, sentence_end,
                    date_start, date_position, date_mention)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, (SELECT substr(text, ? + 1, ?) FROM articles WHERE seq = ?)),
                    ?, ?, ?, ?, ?, ?, ?)
                """, [.integer(figureID), .integer(seq), .int(position), .int(day), .text(v.amount.plainDescription),
                      .real(v.amount.approximateDouble), .text(v.currency), .int(v.currencyResolution.storedCode), .optionalText(v.currencyEvidence),
                      .optionalText(v.qualifier), .optionalText(v.min?.plainDescription), .optionalText(v.max?.plainDescription),
                      .text(figure.mention.text), .int(figure.mention.start), .int(figure.mention.end - figure.mention.start),
                      .integer(seq), .int(figure.mention.start), .int(figure.mention.end),
                      .int(figure.sentenceStart), .int(figure.sentenceEnd), .int(dateStart),
                      date.map { .int($0.position) } ?? .null, date.map { .int($0.mention.start) } ?? .null])
            // No per-article group: the summary by article adds up the article's range when asked.
            var groups = [FigureTotals.Group(grouping: .currency, key: v.currency), FigureTotals.Group(grouping: .month, key: month)]
            for ref in ArchiveIdentity.entities(in: figure.sentenceStart..<figure.sentenceEnd, of: rows) {
                figureLinks.append((ref, figureID))
                groups.append(FigureTotals.Group(grouping: .entity, key: idOfRef[ref]!))
            }
            for group in groups { changes.totals.add(group, currency: v.currency, amount: v.amount) }
        }
        if queueLinks {
            try IndexBacklog.addLinks(seq: seq, day: day, refs: refsNamed, figureLinks: figureLinks, in: db)
        } else {
            for link in figureLinks {
                try db.run("INSERT OR IGNORE INTO figure_entities (ref, figure_id) VALUES (?, ?)",
                           [.integer(link.ref), .integer(link.figureID)])
            }
        }
        if !extraction.figures.isEmpty {
            try db.run("INSERT INTO article_figures (article_seq, first_figure, figure_count) VALUES (?, ?, ?)",
                       [.integer(seq), .integer(first), .int(extraction.figures.count)])
        }
        return (ids, changes)
    }

    /// `write` on its own: its changes written at once (for a write that is the only one
    /// in its transaction, or that must be counted before the next begins).
    static func writeNow(_ extraction: Extraction, seq: Int64, articleID: String, publishedAt: CivilDate, text: String,
                         in db: SQLiteConnection) throws -> [String: String] {
        let batch = LedgerBatch()
        let (ids, changes) = try write(extraction, seq: seq, articleID: articleID, publishedAt: publishedAt, text: text,
                                       batch: batch, in: db)
        batch.merge(changes)
        try batch.apply(in: db)
        return ids
    }

    /// Most rows one INSERT of article_entities carries: the statement for each count up to
    /// it is prepared once per connection.
    static let rowsPerInsert = 32

    /// `prefix` followed by n `tuple`s, by n from 1 to `rowsPerInsert` (index 0 is unused):
    /// SQL built once, where building it per write gave each statement a new address to be
    /// found by (see `SQLAddress`).
    static func multiRowInserts(_ prefix: String, tuple: String) -> [String] {
        [""] + (1...rowsPerInsert).map { n in prefix + " " + Array(repeating: tuple, count: n).joined(separator: ", ") }
    }

    /// Inserts `values` as rows of `width` values, up to `rowsPerInsert` rows a statement,
    /// each statement's SQL taken from `inserts` (made by `multiRowInserts`) by its row count.
    static func insertRows(_ values: [SQLiteValue], width: Int, using inserts: [String], in db: SQLiteConnection) throws {
        let rows = values.count / width
        var start = 0
        while start < rows {
            let count = min(rows - start, rowsPerInsert)
            try db.run(inserts[count], Array(values[(width * start)..<(width * (start + count))]))
            start += count
        }
    }

    private static let entityLinkInserts = multiRowInserts(
        "INSERT OR IGNORE INTO article_entities (ref, day, article_seq) VALUES", tuple: "(?, ?, ?)")

    /// The article's entity set, and its rows in the lookup from archive entities to
    /// articles (one per archive entity, several to a statement: one statement per row was
    /// a good part of an article's write). Mentions in stored order (`storedOrder`).
    /// With `queueLinks` those rows are left to the caller (for `IndexBacklog`). Answers
    /// the article's archive entities, each once.
    @discardableResult
    static func storeSet(_ items: [EntitySetPacking.Item], types: Int, seq: Int64, day: Int, text: String,
                         queueLinks: Bool = false, in db: SQLiteConnection) throws -> [Int64] {
        guard !items.isEmpty else { return [] }
        try db.run("INSERT INTO article_entity_sets (article_seq, types, entities) VALUES (?, ?, ?)",
                   [.integer(seq), .int(types), .blob(EntitySetPacking.pack(items, text: CodePointText(text)))])
        var seen = Set<Int64>()
        let refs = items.map(\.ref).filter { seen.insert($0).inserted }
        if queueLinks { return refs }
        // OR IGNORE (the refs are distinct, so nothing is ignored) spares SQLite the
        // statement journal a many-row insert that could abort needs: a copy of every
        // page it changes, one per entity here.
        try insertRows(refs.flatMap { [SQLiteValue.integer($0), .int(day), .integer(seq)] }, width: 3,
                       using: entityLinkInserts, in: db)
        return refs
    }

    /// Where an entity lands in the archive: a person named by surname alone joins the
    /// dominant full name with that last word (see `ArchiveIdentity.surnameDominance`).
    /// Inside a write, `batch` holds counts not yet written: those of the people with this
    /// surname are written first, so the ranking sees them.
    static func archiveTarget(type: EntityType, key: String, batch: LedgerBatch? = nil, in db: SQLiteConnection) throws -> Target {
        guard ArchiveIdentity.isSurnameOnly(type: type, key: key) else { return Target(type: type, key: key) }
        try batch?.flush(surname: key, in: db)
        let candidates = try db.query("""
            SELECT key, mention_count FROM archive_entities WHERE surname = ? AND type = 'person'
            ORDER BY mention_count DESC LIMIT 2
            """, [.text(key)]) { (key: $0.text(0), mentions: $0.int(1)) }
        guard let top = candidates.first else { return Target(type: type, key: key) }
        if candidates.count == 1 || top.mentions >= ArchiveIdentity.surnameDominance * max(1, candidates[1].mentions) {
            return Target(type: .person, key: top.key)
        }
        return Target(type: type, key: key)
    }

    /// The row of the archive entity and the name it has in the table: from the batch when
    /// an article before this one counted it (or its `archiveRows` know it), else read, else
    /// created with no article counted yet (the batch counts this one, as it counts every other).
    private static func archiveRow(of target: Target, id: String, name: String, batch: LedgerBatch,
                                   in db: SQLiteConnection) throws -> (ref: Int64, storedName: String) {
        if let known = batch.known(id) { return known }
        if let row = try db.query("SELECT ref, name FROM archive_entities WHERE id = ?", [.text(id)], {
            (ref: $0.int64(0), name: $0.text(1))
        }).first {
            batch.archiveRows?.remember(id, ref: row.ref, storedName: row.name)
            return (row.ref, row.name)
        }
        try db.run("""
            INSERT INTO archive_entities (id, type, key, name, folded, surname, article_count, mention_count)
            VALUES (?, ?, ?, ?, ?, ?, 0, 0)
            """, [.text(id), .text(target.type.rawValue), .text(target.key),
                  .text(name), .text(name.lowercased()), .optionalText(ArchiveIdentity.surname(type: target.type, key: target.key))])
        let ref = db.lastInsertRowID
        batch.archiveRows?.remember(id, ref: ref, storedName: name)
        return (ref, name)
    }
}
