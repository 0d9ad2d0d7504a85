import Foundation

/// The tagger's word lists: places and organisation words (ISO 3166, GeoNames, hand
/// lists), matched over tokens by hashed lower-case phrases, and distributional word
/// classes. Feature input only: the tagger learns how far to trust them.
public struct Gazetteer: Sendable {
    /// The kinds of list, in the bit order used by `marks`.
    public enum Kind: Int, CaseIterable, Sendable {
        case country, region, city, continent, orgword, media
        /// Names annotated in another corpus (CoNLL-2003), added at training time only.
        case person, organisation
    }

    static let maxPhraseTokens = 5
    static let kindsByName: [String: Kind] = Dictionary(uniqueKeysWithValues: Kind.allCases.map { ("\($0)", $0) })
    /// Phrase hash → bit set of kinds.
    private(set) var phrases = HashTable64()
    /// Hashes of phrases' first tokens, to skip most tokens with one lookup.
    private(set) var firstTokens = HashTable64()

    /// Distributional word classes (Resources/clusters.tsv), looked up by lower-case hash.
    private(set) var clusters = HashTable64()

    public init() {}

    init(phrases: HashTable64, firstTokens: HashTable64, clusters: HashTable64) {
        self.phrases = phrases
        self.firstTokens = firstTokens
        self.clusters = clusters
    }

    /// Adds `word<TAB>class` lines (class 0...255); `#` lines are comments.
    public mutating func addClusters(tsv: String) {
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            guard let tab = line.firstIndex(of: "\t"), let id = UInt8(line[line.index(after: tab)...]) else { continue }
            let scalars = Array(line[..<tab].unicodeScalars)
            clusters.insert(TokenHashing.lowerHash(scalars, 0, scalars.count), orBits: UInt32(id))
        }
    }

    /// 1 + the word class of a token's lower-case hash, or 0 when the word has none.
    @inline(__always) func cluster(_ lowerHash: UInt64) -> UInt64 {
        clusters.value(lowerHash).map { UInt64($0) + 1 } ?? 0
    }

    /// Parses `kind<TAB>phrase` lines; `#` lines are comments.
    public init(tsv: String) {
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let kindName = line[..<tab]
            let phrase = String(line[line.index(after: tab)...])
            guard let kind = Gazetteer.kindsByName[String(kindName)] else { continue }
            add(phrase, kind: kind)
        }
    }

    public mutating func add(_ phrase: String, kind: Kind) {
        let scalars = Array(phrase.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars)
        guard !tokens.isEmpty, tokens.count <= Gazetteer.maxPhraseTokens else { return }
        var h = TokenHashing.seed
        for t in tokens { h = TokenHashing.combine(h, TokenHashing.lowerHash(scalars, t.start, t.end)) }
        phrases.insert(h, orBits: UInt32(1 << kind.rawValue))
        firstTokens.insert(TokenHashing.lowerHash(scalars, tokens[0].start, tokens[0].end))
    }

    /// Adds the person and organisation names annotated in `texts` (another corpus than the
    /// training one, so the tagger learns how far such lists can be trusted on unseen text).
    public mutating func addNames(from texts: [AnnotatedText]) {
        for text in texts {
            let scalars = Array(text.text.unicodeScalars)
            for name in text.names where name.end <= scalars.count {
                let kind: Kind
                switch name.type {
                case .person: kind = .person
                case .organisation: kind = .organisation
                default: continue
                }
                add(String(String.UnicodeScalarView(scalars[name.start..<name.end])), kind: kind)
            }
        }
    }

    /// The bundled list, `Resources/gazetteer.tsv`.
    public static func loadBundled() throws -> Gazetteer {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "gazetteer", withExtension: "tsv") else {
            throw NameModelError.missingResource("gazetteer.tsv")
        }
        var gazetteer = Gazetteer(tsv: try String(contentsOf: url, encoding: .utf8))
        guard let clustersURL = Bundle.module.url(forResource: "clusters", withExtension: "tsv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "clusters", withExtension: "tsv") else {
            throw NameModelError.missingResource("clusters.tsv")
        }
        gazetteer.addClusters(tsv: try String(contentsOf: clustersURL, encoding: .utf8))
        return gazetteer
    }

    /// For each token, the phrases covering it: bit (kind·4 + BILU position) set per match.
    func marks(lowerHashes: [UInt64], isWord: [Bool]) -> [UInt32] {
        let n = lowerHashes.count
        var marks = [UInt32](repeating: 0, count: n)
        guard phrases.count > 0 else { return marks }
        for i in 0..<n where isWord[i] && firstTokens.contains(lowerHashes[i]) {
            var h = TokenHashing.seed
            for length in 1...min(Gazetteer.maxPhraseTokens, n - i) {
                h = TokenHashing.combine(h, lowerHashes[i + length - 1])
                guard let kinds = phrases.value(h) else { continue }
                for kind in 0..<Kind.allCases.count where kinds & (1 << kind) != 0 {
                    let base = UInt32(kind * 4)
                    if length == 1 {
                        marks[i] |= 1 << (base + 3)
                    } else {
                        marks[i] |= 1 << base
                        for k in (i + 1)..<(i + length - 1) { marks[k] |= 1 << (base + 1) }
                        marks[i + length - 1] |= 1 << (base + 2)
                    }
                }
            }
        }
        return marks
    }
}
