import Foundation

/// Other names of one thing (`U.S.`, `America` → United States; `Beeb` → BBC), keyed alike so
/// that every article gives the thing one key. The bundled table is generated
/// (`Resources/aliases.tsv`, by `Identity/Tools/make_aliases.py`); an operator's file
/// (`Config/aliases.json`, see `OperatorAliases`) adds to it or overrides it at start-up.
public struct NameAliases: Sendable {
    /// What an alias stands for.
    public struct Target: Sendable, Equatable {
        /// The key the alias takes: the key of the name it stands for.
        public var key: String
        /// The name it stands for, as written in the table.
        public var name: String
        /// How many words that name has (it competes for the entity's name by them).
        var nameWords: Int
        /// When set, a mention of the alias is this type of entity whatever the tagger said
        /// (`Beeb` is an organisation); nil keeps the tagger's type.
        public var type: EntityType?
        /// Whether a mention the tagger calls a person takes the alias: an operator's aliases
        /// do, the bundled ones (countries, organisations) do not, since a person called
        /// `Holland` is no Netherlands.
        public var appliesToPeople = true
    }

    /// Alias key (`EntityKeys.words` joined) → its target.
    private(set) var targets: [String: Target] = [:]
    /// Eight hex digits of a hash of the operator's file, when one was applied.
    public internal(set) var operatorFingerprint: String?

    public init() {}

    /// The generated table, without operator aliases.
    public static let bundled: NameAliases = {
        var aliases = NameAliases()
        // The table's third column says what the name is: an international organisation's, or a country's.
        for row in BundledTable.rows("aliases") where row.count >= 3 {
            aliases.set(row[0], means: row[1], type: row[2] == "organisation" ? .organisation : .place, appliesToPeople: false)
        }
        _ = aliases.resolveChains()
        return aliases
    }()

    public var count: Int { targets.count }

    /// What the name with this key stands for, if it is an alias.
    public func target(forKey key: String) -> Target? { targets[key] }

    /// Makes `alias` stand for `name` (replacing what it stood for); false when either has no words.
    @discardableResult
    mutating func set(_ alias: String, means name: String, type: EntityType?, appliesToPeople: Bool = true) -> Bool {
        let aliasKey = EntityKeys.words(alias).joined(separator: " ")
        let targetKey = EntityKeys.words(name).joined(separator: " ")
        guard !aliasKey.isEmpty, !targetKey.isEmpty else { return false }
        // `NATO` → `Nato` keys alike already: only a type is worth keeping.
        if aliasKey == targetKey && (type == nil || !appliesToPeople) {
            targets.removeValue(forKey: aliasKey)
            return true
        }
        targets[aliasKey] = Target(key: targetKey, name: name, nameWords: EntityKeys.words(name).count, type: type,
                                   appliesToPeople: appliesToPeople)
        return true
    }

    /// Forgets an alias (an operator's `"Name": null`); false when there was none.
    @discardableResult
    mutating func remove(_ alias: String) -> Bool {
        targets.removeValue(forKey: EntityKeys.words(alias).joined(separator: " ")) != nil
    }

    /// Follows chains (`Beeb` → `BBC` → `British Broadcasting Corporation`) so that each alias
    /// names its final target; the alias that closes a cycle, if any.
    mutating func resolveChains() -> String? {
        var resolved = targets
        for (alias, first) in targets {
            var target = first
            var seen: Set<String> = [alias]
            while target.key != alias, let next = targets[target.key], next.key != target.key {
                guard seen.insert(target.key).inserted else { return alias }
                target = Target(key: next.key, name: next.name, nameWords: next.nameWords, type: first.type ?? next.type,
                                appliesToPeople: first.appliesToPeople)
            }
            if target.key == alias, first.key != alias { return alias }
            resolved[alias] = target
        }
        targets = resolved
        return nil
    }
}
