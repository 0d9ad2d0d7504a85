import ArticleStore
import EntityExtraction
import Foundation
import PostgresClient

/// Writes and removes one article's ledger rows inside the caller's transaction (the
/// PostgreSQL twin of the SQLite store's `LedgerWrite`), keeping archive counts, names
/// seen and figure totals exact. Called by the article writes. Every shared row is
/// written by an upsert (never read, then inserted), after the archive entities'
/// advisory locks are taken in one global order, so concurrent nodes neither lose a
/// count nor deadlock.
enum PostgresLedgerWrite {
    /// An archive entity: type and key after the surname join.
    struct Target: Hashable {
        var type: EntityType
        var key: String
    }

    /// Stores the extraction of article `seq`; returns the archive id of each name entity,
    /// by the entity's id within the article.
    static func write(_ extraction: Extraction, seq: Int64, articleID: String, publishedAt: CivilDate,
                      in c: PostgresConnection) throws -> [String: String] {
        let entities = SQLiteArticleStore.storedOrder(extraction.entities)
        guard Set(entities.map(\.id)).count == entities.count else {
            throw StoreError.corrupt("the extraction lists an entity twice")
        }
        var targetOf: [String: Target] = [:]  // by entity id
        var order: [Target] = []
        var tallies: [Target: ArchiveTally] = [:]
        var joined: [String: Target] = [:]
        for entity in entities {
            let target: Target
            if let known = joined[entity.key], entity.type == .person { target = known } else {
                target = try archiveTarget(type: entity.type, key: entity.key, in: c)
                if entity.type == .person { joined[entity.key] = target }
            }
            targetOf[entity.id] = target
            if tallies[target] == nil { order.append(target); tallies[target] = ArchiveTally(firstName: entity.name) }
            tallies[target]!.count(type: entity.type, name: entity.name, mentions: entity.mentions)
        }
        let archiveID = Dictionary(uniqueKeysWithValues: order.map { ($0, ArchiveIdentity.id(type: $0.type, key: $0.key)) })
        let day = publishedAt.dayNumber
        var ids: [String: String] = [:], positions: [String: Int] = [:]
        var dates: [ArchiveIdentity.DatedEntity] = []
        var rows = PostgresRowsClause()
        for (position, entity) in entities.enumerated() {
            let target = targetOf[entity.id]!
            if ArchiveIdentity.hasNames(entity.type) { ids[entity.id] = archiveID[target] }
            positions[entity.id] = position
            var date: DateValue?
            if case .date(let value)? = entity.value {
                date = value
                if let first = ArchiveIdentity.firstDay(of: value) {
                    dates.append(ArchiveIdentity.DatedEntity(position: position, value: value, firstDay: first.dayNumber, mentions: entity.mentions))
                }
            }
            let packed = MentionPacking.pack(entity.mentions, name: entity.name)
            rows.row([position, archiveID[target]!, entity.name, target == Target(type: entity.type, key: entity.key) ? nil : entity.key,
                      PostgresLedgerSQL.bytea(packed.blob), MentionPacking.joinedTexts(packed.texts),
                      date.flatMap { $0.date ?? $0.from }, date?.date == nil ? date?.to : nil, date?.grain.rawValue],
                     casts: ["::integer", "", "", "", "::bytea", "", "", "", ""])
        }
        let refOf = try addArticle(order: order, ids: archiveID, tallies: tallies, entityRows: rows, seq: seq, day: day, in: c)
        let sentenceRows = entities.map {
            ArchiveIdentity.SentenceEntity(ref: refOf[archiveID[targetOf[$0.id]!]!]!, type: $0.type, mentions: $0.mentions)
        }
        guard !extraction.figures.isEmpty else { return ids }
        try writeFigures(extraction.figures, seq: seq, articleID: articleID, publishedAt: publishedAt, positions: positions,
                         sentenceRows: sentenceRows, dates: dates, idOfRef: Dictionary(refOf.map { ($1, $0) }) { a, _ in a }, in: c)
        return ids
    }

    private static func writeFigures(_ figures: [Figure], seq: Int64, articleID: String, publishedAt: CivilDate,
                                     positions: [String: Int], sentenceRows: [ArchiveIdentity.SentenceEntity],
                                     dates: [ArchiveIdentity.DatedEntity],
                                     idOfRef: [Int64: String], in c: PostgresConnection) throws {
        var rows = PostgresRowsClause()
        for figure in figures {
            guard let position = positions[figure.entityID] else { throw StoreError.corrupt("figure of unknown entity \(figure.entityID)") }
            let v = figure.value
            let date = ArchiveIdentity.sentenceDate(for: figure, among: dates)
            rows.row([seq, position, publishedAt.dayNumber, v.amount, v.currency, v.currencyResolution.rawValue, v.currencyEvidence,
                      v.qualifier, v.min, v.max, figure.mention.text, figure.mention.start, figure.mention.end,
                      figure.sentenceStart, figure.sentenceEnd, date?.firstDay ?? publishedAt.dayNumber,
                      date?.position, date?.mention.start, PostgresLedgerSQL.searchWords(figure.sentence)], casts: figureCasts)
        }
        var links = PostgresRowsClause(offset: rows.values.count)
        var totals = FigureTotals.Deltas()
        for figure in figures {
            let refs = ArchiveIdentity.entities(in: figure.sentenceStart..<figure.sentenceEnd, of: sentenceRows)
            for ref in refs { links.row([positions[figure.entityID]!, figure.mention.start, ref], casts: ["::integer", "::integer", "::bigint"]) }
            for group in FigureTotals.groups(currency: figure.value.currency, publishedAt: publishedAt, articleID: articleID,
                                             entityIDs: refs.map { idOfRef[$0] ?? "" }) {
                totals.add(group, currency: figure.value.currency, amount: figure.value.amount)
            }
        }
        var values = rows.values + links.values
        let linksCTE = links.isEmpty ? "" : """
            , links AS (
                INSERT INTO figure_entities (ref, figure_id)
                SELECT l.ref, f.id FROM (VALUES \(links.sql)) AS l (position, start, ref)
                JOIN inserted f ON f.position = l.position AND f.start = l.start
                ON CONFLICT DO NOTHING)
            """
        var totalsCTE = ""
        if let upsert = PostgresLedgerTotals.upsert(totals, offset: values.count) {
            totalsCTE = ", totals AS (\(upsert.sql))"
            values += upsert.values
        }
        // One statement: the figures, the entities of their sentences, the totals (in key order).
        let inserted = try c.query("""
            WITH inserted AS (
                INSERT INTO figures (article_seq, position, published_day, amount, currency, currency_resolution, currency_evidence,
                    qualifier, min_amount, max_amount, text, start, "end", sentence_start, sentence_end, date_start, date_position,
                    date_mention, sentence_search)
                SELECT v.s, v.p, v.d, v.a, v.c, v.r, v.e, v.q, v.lo, v.hi, v.t, v.st, v.en, v.ss, v.se, v.ds, v.dp, v.dm,
                       to_tsvector('simple', v.sentence)
                FROM (VALUES \(rows.sql)) AS v (s, p, d, a, c, r, e, q, lo, hi, t, st, en, ss, se, ds, dp, dm, sentence)
                RETURNING id, position, start)\(linksCTE)\(totalsCTE)
            SELECT count(*) FROM inserted
            """, values)
        guard try inserted.first?.integer(0) == figures.count else { throw StoreError.corrupt("figures not inserted") }
    }

    /// The figure rows' placeholders typed (VALUES under a SELECT has no target columns).
    private static let figureCasts = ["::bigint", "::integer", "::integer", "::numeric", "", "", "", "", "::numeric", "::numeric", "",
                                      "::integer", "::integer", "::integer", "::integer", "::integer", "::integer", "::integer", ""]

    /// Where an entity lands in the archive: a person named by surname alone joins the
    /// dominant full name with that last word (see `ArchiveIdentity.surnameDominance`).
    static func archiveTarget(type: EntityType, key: String, in c: PostgresConnection) throws -> Target {
        guard ArchiveIdentity.isSurnameOnly(type: type, key: key) else { return Target(type: type, key: key) }
        let candidates = try c.query("""
            SELECT key, mention_count FROM archive_entities WHERE surname = $1 AND type = 'person'
            ORDER BY mention_count DESC LIMIT 2
            """, [key]).map { (key: try $0.required(0), mentions: try $0.integer(1)) }
        guard let top = candidates.first else { return Target(type: type, key: key) }
        if candidates.count == 1 || top.mentions >= ArchiveIdentity.surnameDominance * max(1, candidates[1].mentions) {
            return Target(type: .person, key: top.key)
        }
        return Target(type: type, key: key)
    }

    /// Counts one more article for each archive entity (creating those new, numbered in the
    /// order of first mention) with its names seen, and inserts the article's entity rows
    /// (`entityRows`: position, archive id, then the row's own columns), in one statement
    /// that first takes the entities' advisory locks; returns each archive id's ref.
    private static func addArticle(order: [Target], ids: [Target: String], tallies: [Target: ArchiveTally],
                                   entityRows: PostgresRowsClause, seq: Int64, day: Int, in c: PostgresConnection) throws -> [String: Int64] {
        guard !order.isEmpty else { return [:] }
        var values: [(any PostgresEncodable)?] = [PostgresLedgerSQL.lockArray(ids.values), seq, day]
        var rows = PostgresRowsClause(offset: values.count)
        for (n, target) in order.enumerated() {
            let tally = tallies[target]!, name = ArchiveIdentity.seenName(tally.longestName)
            rows.row([n, ids[target]!, target.type.rawValue, target.key, name, name.lowercased(),
                      ArchiveIdentity.surname(type: target.type, key: target.key), tally.mentions],
                     casts: ["::integer", "", "", "", "", "", "", "::integer"])
        }
        values += rows.values
        var names = PostgresRowsClause(offset: values.count)
        for target in order {
            for (seen, count) in tallies[target]!.names.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                names.row([ids[target]!, seen, count.mentions, count.canonical], casts: ["", "", "::integer", "::integer"])
            }
        }
        values += names.values
        let entities = entityRows.renumbered(offset: values.count)
        values += entities.values
        let namesCTE = names.isEmpty ? "" : """
            , seen AS (
                INSERT INTO archive_names AS n (ref, name, mentions, canonical)
                SELECT x.ref, v.name, v.mentions, v.canonical FROM (VALUES \(names.sql)) AS v (id, name, mentions, canonical)
                JOIN upserted x ON x.id = v.id
                ON CONFLICT (ref, name) DO UPDATE SET mentions = n.mentions + excluded.mentions, canonical = n.canonical + excluded.canonical)
            """
        // The locks come first (the upsert's one-time filter), in key order; the canonical
        // name is the longest an article gave (ties keep the one already there).
        var refs: [String: Int64] = [:]
        for row in try c.query("""
            WITH locks AS (SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k),
            upserted AS (
                INSERT INTO archive_entities AS x (id, type, key, name, folded, surname, article_count, mention_count)
                SELECT v.id, v.type, v.key, v.name, v.folded, v.surname, 1, v.mentions
                FROM (VALUES \(rows.sql)) AS v (n, id, type, key, name, folded, surname, mentions)
                WHERE (SELECT count(*) FROM locks) >= 0 ORDER BY v.n
                ON CONFLICT (id) DO UPDATE SET article_count = x.article_count + 1, mention_count = x.mention_count + excluded.mention_count,
                    name = CASE WHEN char_length(excluded.name) > char_length(x.name) THEN excluded.name ELSE x.name END,
                    folded = CASE WHEN char_length(excluded.name) > char_length(x.name) THEN excluded.folded ELSE x.folded END
                RETURNING id, ref)\(namesCTE),
            rows AS (
                INSERT INTO article_entities (article_seq, position, ref, day, name, key, mentions, texts, date, date_to, grain)
                SELECT $2::bigint, v.position, x.ref, $3::integer, v.name, v.key, v.mentions, v.texts, v.date, v.date_to, v.grain
                FROM (VALUES \(entities.sql)) AS v (position, id, name, key, mentions, texts, date, date_to, grain) JOIN upserted x ON x.id = v.id)
            SELECT id, ref FROM upserted
            """, values) {
            refs[try row.required(0)] = try row.int64(1)
        }
        return refs
    }
}
