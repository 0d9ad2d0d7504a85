import ArticleStore
import EntityExtraction
import PostgresClient

/// The conditions of a WHERE clause (over articles or figures) and the values of their `$n`
/// placeholders, in order:
/// `bind` hands out the next placeholder for a value.
struct PostgresFilter {
    private(set) var conditions: [String] = []
    private(set) var values: [(any PostgresEncodable)?] = []

    /// `$n` for `value`, the next parameter.
    mutating func bind(_ value: (any PostgresEncodable)?) -> String {
        values.append(value)
        return "$\(values.count)"
    }

    mutating func add(_ condition: String) { conditions.append(condition) }

    /// `WHERE a AND b`, or nothing when there are no conditions.
    var sql: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}

extension PostgresArticleStore {
    /// The filters the article listing and the search share, as in the SQLite store: the
    /// publication dates, and an entity (through its archive refs) or, without one, a type
    /// some entity of the article has. Reads the ledger's `archive_entities` and
    /// `article_entities` (one row per entity here; SQLite keeps one set per article) only
    /// when asked to filter by them.
    static func addArticleFilters(to filter: inout PostgresFilter, since: CivilDate?, until: CivilDate?,
                                  entity: String?, type: EntityType?, in c: PostgresConnection) throws {
        if let since { filter.add("a.published_at >= \(filter.bind(since.description))::date") }
        if let until { filter.add("a.published_at <= \(filter.bind(until.description))::date") }
        if let entity {
            let refs = try PostgresEntityMatch.refs(entity, type: type, in: c)
            filter.add("a.seq IN (SELECT e.article_seq FROM article_entities e WHERE e.ref = ANY(\(filter.bind(PostgresEntityMatch.array(refs)))::bigint[]))")
        } else if let type {
            filter.add("""
                EXISTS (SELECT 1 FROM article_entities e JOIN archive_entities x ON x.ref = e.ref
                        WHERE e.article_seq = a.seq AND x.type = \(filter.bind(type.rawValue)))
                """)
        }
    }
}

/// A user's `entity` filter as archive entity refs, as the SQLite store reads it: an archive
/// id (`ent_…`), or a name whose key (or the text as given: money and date keys are not
/// name keys) is an archive entity's; a surname alone also finds the person it joins.
enum PostgresEntityMatch {
    static func refs(_ entity: String, type: EntityType?, in c: PostgresConnection) throws -> [Int64] {
        if entity.hasPrefix("ent_") {
            return try c.query("SELECT ref FROM archive_entities WHERE id = $1 AND ($2::text IS NULL OR type = $2)",
                               [entity, type?.rawValue]).compactMap { try $0.decode(0, as: Int64.self) }
        }
        let key = EntityKeys.nameKey(entity)
        // Ids are hashes of type and key: the lookup goes through the id index.
        let ids = (type.map { [$0] } ?? EntityType.allCases).flatMap { t in
            [key, entity].map { ArchiveIdentity.id(type: t, key: $0) }
        }
        var refs = try c.query("SELECT ref FROM archive_entities WHERE id = ANY($1::text[])", [array(ids)])
            .compactMap { try $0.decode(0, as: Int64.self) }
        if type == nil || type == .person, ArchiveIdentity.isSurnameOnly(type: .person, key: key),
           let joined = try joinedPerson(surname: key, in: c) {
            refs += try c.query("SELECT ref FROM archive_entities WHERE id = $1", [ArchiveIdentity.id(type: .person, key: joined)])
                .compactMap { try $0.decode(0, as: Int64.self) }
        }
        return refs
    }

    /// The key of the person a surname alone joins, as a write would join it.
    static func joinedPerson(surname: String, in c: PostgresConnection) throws -> String? {
        let target = try PostgresLedgerWrite.archiveTarget(type: .person, key: surname, in: c)
        return target.key == surname ? nil : target.key
    }

    /// A PostgreSQL array literal of values that need no quoting (numbers, hex ids).
    static func array<T: CustomStringConvertible>(_ values: [T]) -> String {
        "{" + values.map(\.description).joined(separator: ",") + "}"
    }
}
