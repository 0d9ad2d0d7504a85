import EntityExtraction
import Foundation

extension SQLiteArticleStore {
    /// The article's entities in the order of their first mention, each with all its
    /// mentions sorted by offset; nil when there is no such article.
    public func entities(articleID: String, type: EntityType?) throws -> [Entity]? {
        try entitiesWithArchiveIDs(articleID: articleID, type: type)?.map(\.entity)
    }

    /// `entities(articleID:type:)` with each person, organisation and place's archive id.
    public func entitiesWithArchiveIDs(articleID: String, type: EntityType?) throws -> [(entity: Entity, archiveID: String?)]? {
        try read { db in try Self.storedEntities(articleID: articleID, type: type, in: db) }
    }

    static func storedEntities(articleID: String, type: EntityType?, in db: SQLiteConnection) throws -> [(entity: Entity, archiveID: String?)]? {
        guard let (seq, _) = try seq(of: articleID, in: db) else { return nil }
        let rows = try LedgerWrite.rows(seq: seq, types: type.map { [$0] }, in: db).map { (row: $0.row, archiveID: $0.id) }
        var money: [Int: MoneyValue] = [:]
        if rows.contains(where: { $0.row.type == .money }) {
            // A money entity's value is its figures' (one figure per mention, all alike).
            for (position, value) in try db.query("""
                SELECT position, \(FigureColumns.value) FROM article_figures r \(FigureRange.join()) WHERE r.article_seq = ? ORDER BY f.id
                """, [.integer(seq)], { row in (row.int(0), try FigureColumns.moneyValue(row, from: 1)) }) where money[position] == nil {
                money[position] = value
            }
        }
        return rows.map { item in
            let r = item.row
            let value: EntityValue?
            switch r.type {
            case .money: value = money[r.position].map { .money($0) }
            case .date: value = r.date.map { .date($0) }
            case .person, .organisation, .place: value = nil
            }
            let entity = Entity(id: EntityKeys.id(type: r.type, key: r.key), type: r.type, name: r.name, key: r.key,
                                value: value, mentions: r.mentions)
            return (entity, ArchiveIdentity.isNameType(r.type) ? item.archiveID : nil)
        }
    }

    /// Archive ids for entities not stored (`/v1/extract`): each as a new article would get it.
    public func archiveIDs(for entities: [Entity]) throws -> [String: String] {
        try read { db in
            var ids: [String: String] = [:]
            for e in entities where ArchiveIdentity.isNameType(e.type) {
                let target = try LedgerWrite.archiveTarget(type: e.type, key: e.key, in: db)
                ids[e.id] = ArchiveIdentity.id(type: target.type, key: target.key)
            }
            return ids
        }
    }
}

/// The money columns of `figures f`, read the same way everywhere.
enum FigureColumns {
    static let value = "f.amount, f.currency, f.currency_resolution, f.qualifier, f.min_amount, f.max_amount, f.currency_evidence"

    static func moneyValue(_ row: SQLiteRow, from c: Int32) throws -> MoneyValue {
        guard let resolution = CurrencyResolution(storedCode: row.int(c + 2)) else {
            throw StoreError.corrupt("currency resolution \(row.int(c + 2))")
        }
        return MoneyValue(amount: try Decimal.stored(row.text(c)), currency: row.text(c + 1), currencyResolution: resolution,
                          qualifier: row.optionalText(c + 3), min: try row.optionalText(c + 4).map(Decimal.stored),
                          max: try row.optionalText(c + 5).map(Decimal.stored), currencyEvidence: row.optionalText(c + 6))
    }
}
