import Foundation

/// The archive-wide counts that the articles of one write transaction change, added up in
/// memory and written once before the commit: each archive entity's article and mention
/// counts and longest name, its names seen, and the figure totals. Articles sharing a
/// commit often name the same people, places and currencies, and each of those rows was
/// rewritten (with the indexes over its counts) once per article.
///
/// An article's changes join the batch only once its whole write has succeeded
/// (`merge`); a failed write rolls the whole transaction back (`WriteBatch`), and the
/// batch is `reset` with it. Whatever reads a
/// count inside the transaction first writes out what it depends on: the surname join
/// ranks candidates by mention count, so `flush(surname:)` runs before it asks.
final class LedgerBatch {
    /// One archive entity as the batch has changed it so far.
    private struct Pending {
        let ref: Int64
        /// The name in the table now.
        var storedName: String
        let surname: String?
        var articles = 0
        var mentions = 0
        /// The longest name given so far (ties keep the earlier), and its length in scalars.
        var name: String
        var nameLength: Int
    }

    private struct NameKey: Hashable {
        let ref: Int64
        let name: String
    }

    private var entities: [String: Pending] = [:]
    private var entityOrder: [String] = []
    private var bySurname: [String: [String]] = [:]
    private var names: [NameKey: (mentions: Int, canonical: Int)] = [:]
    private var nameOrder: [NameKey] = []
    private var totals = FigureTotals.Deltas()
    /// Archive rows known from earlier transactions, when the batch is the store's own
    /// (kept by `reset`; see `ArchiveRowCache` for when it is forgotten).
    let archiveRows: ArchiveRowCache?

    init(archiveRows: ArchiveRowCache? = nil) {
        self.archiveRows = archiveRows
    }

    /// What one article's write changes, gathered while it is written.
    /// (Structs, not tuples, in its arrays: arrays of tuples are copied and freed element by
    /// element through runtime metadata, a good part of a merge.)
    struct Changes {
        fileprivate struct EntityChange {
            let id: String
            let ref: Int64
            let storedName: String
            let surname: String?
            let mentions: Int
            let name: String
            /// `name.unicodeScalars.count`, which the writer knows already.
            let nameLength: Int
        }

        fileprivate struct NameChange {
            let ref: Int64
            let name: String
            let mentions: Int
            let canonical: Int
        }

        fileprivate var entities: [EntityChange] = []
        fileprivate var names: [NameChange] = []
        var totals = FigureTotals.Deltas()

        /// One more article for the archive entity `id` (row `ref`, whose name in the table
        /// is `storedName`), with its mentions and names seen.
        mutating func addArticle(id: String, ref: Int64, storedName: String, surname: String?, mentions: Int, name: String,
                                 nameLength: Int, names seen: [String: (mentions: Int, canonical: Int)]) {
            entities.append(EntityChange(id: id, ref: ref, storedName: storedName, surname: surname, mentions: mentions, name: name,
                                         nameLength: nameLength))
            for (seenName, count) in seen {
                names.append(NameChange(ref: ref, name: seenName, mentions: count.mentions, canonical: count.canonical))
            }
        }
    }

    /// The row and stored name of an archive entity some article of the batch counted, or
    /// one `archiveRows` knows.
    func known(_ id: String) -> (ref: Int64, storedName: String)? {
        entities[id].map { ($0.ref, $0.storedName) } ?? archiveRows?.row(id)
    }

    /// Adds an article's changes, once its write has succeeded.
    /// Each entity and name is hashed once when the batch knows it already (the usual case:
    /// the articles of a batch share most of their entities), twice when it is new.
    func merge(_ changes: Changes) {
        for e in changes.entities {
            if let index = entities.index(forKey: e.id) {
                Self.count(e, into: &entities.values[index])
            } else {
                var pending = Pending(ref: e.ref, storedName: e.storedName, surname: e.surname, name: e.storedName,
                                      nameLength: e.storedName == e.name ? e.nameLength : e.storedName.unicodeScalars.count)
                Self.count(e, into: &pending)
                entities[e.id] = pending
                entityOrder.append(e.id)
                if let surname = e.surname { bySurname[surname, default: []].append(e.id) }
            }
        }
        for n in changes.names {
            let key = NameKey(ref: n.ref, name: n.name)
            if let index = names.index(forKey: key) {
                names.values[index].mentions += n.mentions
                names.values[index].canonical += n.canonical
            } else {
                names[key] = (n.mentions, n.canonical)
                nameOrder.append(key)
            }
        }
        totals.merge(changes.totals)
    }

    /// One more article for a pending entity: its mentions, and its name if longer.
    private static func count(_ e: Changes.EntityChange, into pending: inout Pending) {
        pending.articles += 1
        pending.mentions += e.mentions
        if e.nameLength > pending.nameLength {
            pending.name = e.name
            pending.nameLength = e.nameLength
        }
    }

    /// Writes the counts of the people with this surname, so a query ranking them sees
    /// every article of the batch.
    func flush(surname: String, in db: SQLiteConnection) throws {
        for id in bySurname[surname] ?? [] { try write(id, in: db) }
    }

    /// Forgets everything, for a transaction that was rolled back.
    func reset() {
        // The tables keep their room for the next transaction (they would grow anew in every
        // one), unless a large batch made them large.
        let keep = entities.count + names.count <= Self.keptCapacity
        entities.removeAll(keepingCapacity: keep)
        entityOrder.removeAll(keepingCapacity: keep)
        bySurname.removeAll(keepingCapacity: keep)
        names.removeAll(keepingCapacity: keep)
        nameOrder.removeAll(keepingCapacity: keep)
        totals.removeAll(keepingCapacity: keep)
    }

    /// Most entities and names seen whose room a reset keeps.
    static let keptCapacity = 8_192

    /// Writes everything the batch changed; it is empty afterwards.
    func apply(in db: SQLiteConnection) throws {
        for id in entityOrder { try write(id, in: db) }
        for key in nameOrder {
            let count = names[key]!
            // Mostly a name seen before: an UPDATE by key, and an INSERT only when it changed
            // nothing (an upsert tried the insert first, then updated).
            try db.run("UPDATE archive_names SET mentions = mentions + ?, canonical = canonical + ? WHERE ref = ? AND name = ?",
                       [.int(count.mentions), .int(count.canonical), .integer(key.ref), .text(key.name)])
            if db.changes == 0 {
                try db.run("INSERT INTO archive_names (ref, name, mentions, canonical) VALUES (?, ?, ?, ?)",
                           [.integer(key.ref), .text(key.name), .int(count.mentions), .int(count.canonical)])
            }
        }
        try FigureTotals.apply(totals, in: db)
        reset()
    }

    /// Writes one entity's pending counts and name, and marks them written.
    private func write(_ id: String, in db: SQLiteConnection) throws {
        guard var e = entities[id], e.articles != 0 || e.mentions != 0 || e.name != e.storedName else { return }
        if e.name != e.storedName {
            try db.run("""
                UPDATE archive_entities SET article_count = article_count + ?, mention_count = mention_count + ?,
                    name = ?, folded = ? WHERE ref = ?
                """, [.int(e.articles), .int(e.mentions), .text(e.name), .text(e.name.lowercased()), .integer(e.ref)])
        } else {
            // Not naming the name columns leaves the name index (type, folded) untouched.
            try db.run("UPDATE archive_entities SET article_count = article_count + ?, mention_count = mention_count + ? WHERE ref = ?",
                       [.int(e.articles), .int(e.mentions), .integer(e.ref)])
        }
        e.articles = 0
        e.mentions = 0
        e.storedName = e.name
        entities[id] = e
        archiveRows?.remember(id, ref: e.ref, storedName: e.name)
    }
}

extension FigureTotals.Deltas {
    /// Adds another write's changes (figures added; removals are never batched).
    mutating func merge(_ other: FigureTotals.Deltas) {
        for key in other.order {
            let d = other.byKey[key]!
            guard let index = byKey.index(forKey: key) else {
                order.append(key)
                byKey[key] = d
                continue
            }
            byKey.values[index].count += d.count
            byKey.values[index].total += d.total
            byKey.values[index].min = Self.earlierOnTies(byKey.values[index].min, d.min) { $1 < $0 }
            byKey.values[index].max = Self.earlierOnTies(byKey.values[index].max, d.max) { $1 > $0 }
            byKey.values[index].removed += d.removed
        }
    }

    /// The one of two optional amounts that `replaces` prefers, the first when neither is
    /// preferred (as `[a, b].compactMap { $0 }.min()` and `.max()` choose, without the arrays).
    private static func earlierOnTies(_ a: Decimal?, _ b: Decimal?, replaces: (Decimal, Decimal) -> Bool) -> Decimal? {
        guard let a else { return b }
        guard let b else { return a }
        return replaces(a, b) ? b : a
    }
}
