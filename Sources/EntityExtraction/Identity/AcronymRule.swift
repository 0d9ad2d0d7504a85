/// How an acronym matches its expansion, as a rule and not a list: the initials of the
/// expansion's words, with or without its lower-case function words (`Institute for the
/// Study of War` → `isw`; `Department of Defense` → `dod`); or a definition in brackets right
/// after the name (`… Economic Co-operation and Development (OECD)`), whose letters need only
/// appear in order, starting with the name's first letter.
enum AcronymRule {
    /// Words an acronym usually skips.
    static let functionWords: Set<String> = ["of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "du", "des",
                                             "la", "le", "del", "der", "für", "und", "&"]

    /// Initials without and with the function words (one entry when they are the same).
    static func initials(of words: [String]) -> [String] {
        // One pass, no key paths: this runs for every name of two words or more.
        var significant = "", all = ""
        for word in words {
            guard let first = word.first else { continue }
            all.append(first)
            if !functionWords.contains(word) { significant.append(first) }
        }
        return significant == all ? [significant] : [significant, all]
    }

    /// Acronyms defined by a bracket beside their expansion (`Name (ACR)`, `ACR (Name)`), by the
    /// acronym's key: every mention of it then joins, before or after the definition. Each
    /// mention is checked against its neighbour only.
    static func definitions(in mentions: [EntityIdentity.ReadMention], document: Document)
        -> [String: (type: EntityType, key: String)] {
        var result: [String: (type: EntityType, key: String)] = [:]
        // Positions sorted, not the mentions: the same order, without copying each one.
        let sorted = mentions.indices.sorted { mentions[$0].mention.start < mentions[$1].mention.start }
        for k in sorted.indices.dropFirst() {
            let left = mentions[sorted[k - 1]].mention, leftName = mentions[sorted[k - 1]].name
            let right = mentions[sorted[k]].mention, rightName = mentions[sorted[k]].name
            guard inBrackets(right, after: left, document: document) else { continue }
            if leftName.words.count >= 2, rightName.words.count == 1, abbreviates(rightName.words[0], leftName.words) {
                if result[rightName.key] == nil { result[rightName.key] = (leftName.type, leftName.key) }
            } else if rightName.words.count >= 2, leftName.words.count == 1, abbreviates(leftName.words[0], rightName.words) {
                if result[leftName.key] == nil { result[leftName.key] = (rightName.type, rightName.key) }
            }
        }
        return result
    }

    /// `left (right)`: only spaces and the opening bracket between them, the closing one after.
    static func inBrackets(_ right: Mention, after left: Mention, document: Document) -> Bool {
        let s = document.scalars
        var i = right.start - 1
        guard i >= left.end, i >= 0, s[i] == "(", right.end < s.count, s[right.end] == ")" else { return false }
        i -= 1
        while i >= left.end, s[i] == " " { i -= 1 }
        return i == left.end - 1
    }

    /// Whether the acronym's letters appear in the name's letters in order, the first at the
    /// start of the name: loose, so only used where the text itself defines the acronym.
    static func abbreviates(_ acronym: String, _ words: [String]) -> Bool {
        guard acronym.count >= 2, acronym.count <= 12, let first = words.first(where: { !functionWords.contains($0) })?.first,
              acronym.first == first else { return false }
        if initials(of: words).contains(acronym) { return true }
        let letters = Array(words.joined())
        var j = 0
        for c in acronym {
            while j < letters.count, letters[j] != c { j += 1 }
            guard j < letters.count else { return false }
            j += 1
        }
        return true
    }
}
