import CSQLite
import Foundation

/// A search as the `detail=column` index runs it. That index knows which columns of a row
/// hold a token but not where, so FTS5 refuses phrase queries on it, and a phrase is more
/// than `"a phrase"`: one unquoted word such as `Trump's`, `U.S.` or `co-operation` is
/// two tokens for the tokenizer, a phrase too. So each part of the search is split into
/// the index's own tokens (`FullTextFunctions.tokens`): a part of one token stays as it
/// was; a part of several becomes one quoted term per token in the MATCH (all must
/// occur, as every term does), and `article_phrases` then keeps the rows where those
/// tokens are adjacent, in order, in one column, by tokenizing that column again. Only
/// searches with such a part pay for the check, and only on rows holding all its tokens
/// in one column. A `*` on a part makes its last token a prefix, as in FTS5.
struct FullTextPlan {
    /// The MATCH expression; nil when no part holds a token (nothing matches).
    let match: String?
    /// Every part as `article_phrases` and `article_snippet` read it (`PhraseList`).
    let phrases: String
    /// Whether a part has several tokens, so the adjacency check must run.
    let checksAdjacency: Bool

    init(_ terms: SearchTerms, tokenizer: FullTextFunctions) {
        var expression: [String] = []
        var encoded: [String] = []
        var adjacency = false
        var phraseIndex = 0
        for part in terms.quotedParts {
            let tokens = tokenizer.tokens(part.text)
            // FTS5 drops a part without tokens from the expression; so does this.
            guard !tokens.isEmpty else { continue }
            let star = part.prefix ? " *" : ""
            if tokens.count == 1 {
                expression.append(Self.quoted(part.text) + star)
            } else {
                // Each token as the text it was read from: it reads back as that one token.
                let bytes = Array(part.text.utf8)
                let words = tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
                expression.append(words.enumerated().map { i, word in Self.quoted(word) + (i == words.count - 1 ? star : "") }
                    .joined(separator: " "))
                adjacency = true
            }
            let fields = [part.prefix ? "1" : "0", String(phraseIndex)] + tokens.map { String(decoding: $0.token, as: UTF8.self) }
            encoded.append(fields.joined(separator: PhraseList.fieldSeparator))
            phraseIndex += tokens.count
        }
        match = expression.isEmpty ? nil : expression.joined(separator: " ")
        phrases = encoded.joined(separator: PhraseList.phraseSeparator)
        checksAdjacency = adjacency
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The parts of a search as the auxiliary functions get them: per part its folded tokens,
/// whether the last is a prefix, and the number of its first token among the MATCH's
/// phrases. Encoded as text: parts apart by U+001E, fields by U+001F (control characters
/// separate tokens, so no token holds one).
final class PhraseList {
    static let phraseSeparator = "\u{1E}"
    static let fieldSeparator = "\u{1F}"

    struct Phrase {
        let tokens: [[UInt8]]
        let prefix: Bool
        let firstTerm: Int32
        /// The tokens one after another, token k at `starts[k]..<starts[k + 1]`.
        let flat: [UInt8]
        let starts: [Int]

        init(tokens: [[UInt8]], prefix: Bool, firstTerm: Int32) {
            self.tokens = tokens
            self.prefix = prefix
            self.firstTerm = firstTerm
            flat = tokens.flatMap { $0 }
            var starts = [0]
            for token in tokens { starts.append(starts[starts.count - 1] + token.count) }
            self.starts = starts
        }

        /// Whether `token` (folded, from the tokenizer) is the phrase's token `k`.
        func matches(_ token: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
            let length = starts[k + 1] - starts[k]
            let isPrefix = prefix && k == tokens.count - 1
            guard isPrefix ? token.count >= length : token.count == length else { return false }
            return length == 0 || flat.withUnsafeBufferPointer { memcmp($0.baseAddress! + starts[k], token.baseAddress!, length) == 0 }
        }
    }

    let phrases: [Phrase]

    init(_ encoded: [UInt8]) {
        phrases = encoded.split(separator: 0x1E).compactMap { part in
            let fields = part.split(separator: 0x1F, omittingEmptySubsequences: false)
            guard fields.count >= 3, let first = Int32(String(decoding: fields[1], as: UTF8.self)) else { return nil }
            return Phrase(tokens: fields.dropFirst(2).map(Array.init), prefix: fields[0].first == UInt8(ascii: "1"), firstTerm: first)
        }
    }
}

/// `article_phrases(articles_fts, phrases)`: 1 when every part of several tokens occurs in
/// the current row with its tokens adjacent and in order within one column, else 0: what
/// FTS5 decides for a phrase on a `detail=full` index, from the row's text.
enum SearchPhrases {
    /// One phrase being looked for in one column: its tokens one after another in
    /// `bytes`, token k at `starts[k]..<starts[k + 1]`; `active[k]`: the tokens just read
    /// match the phrase's first k + 1.
    private struct Scan {
        let bytes: UnsafePointer<UInt8>?
        let starts: UnsafePointer<Int>
        let size: Int
        let prefix: Bool
        let active: UnsafeMutablePointer<Bool>
        var found: Bool

        func matches(_ token: UnsafePointer<CChar>?, _ count: Int, at k: Int) -> Bool {
            let length = starts[k + 1] - starts[k]
            guard prefix && k == size - 1 ? count >= length : count == length else { return false }
            return length == 0 || memcmp(bytes! + starts[k], token!, length) == 0
        }
    }

    /// The tokenizer's callback: advances the scan by one token, stops it (SQLITE_DONE)
    /// at the phrase's last token.
    private static let step: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32 = {
        context, flags, token, count, _, _ in
        guard let context, flags & FTS5_TOKEN_COLOCATED == 0 else { return SQLITE_OK }
        let scan = context.assumingMemoryBound(to: Scan.self)
        let size = scan.pointee.size
        let active = scan.pointee.active
        var k = size - 1
        while k > 0 {
            active[k] = active[k - 1] && scan.pointee.matches(token, Int(count), at: k)
            k -= 1
        }
        active[0] = scan.pointee.matches(token, Int(count), at: 0)
        if active[size - 1] {
            scan.pointee.found = true
            return SQLITE_DONE
        }
        return SQLITE_OK
    }

    static let function: fts5_extension_function = { api, fts, context, count, values in
        guard let api, let fts else { return }
        do {
            let list = try FullTextAux.cached(api, fts) { PhraseList(FullTextAux.argument(values, count: count, 0)) }
            var all = true
            for phrase in list.phrases where phrase.tokens.count > 1 {
                if try !occurs(phrase, api, fts) { all = false; break }
            }
            sqlite3_result_int(context, all ? 1 : 0)
        } catch {
            sqlite3_result_error_code(context, (error as? FullTextError)?.code ?? SQLITE_ERROR)
        }
    }

    /// Tokenizes only the columns the index says hold every token of the phrase.
    private static func occurs(_ phrase: PhraseList.Phrase, _ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer) throws -> Bool {
        let columns = api.pointee.xColumnCount(fts)
        var candidates = columns >= 64 ? UInt64.max : (UInt64(1) << UInt64(columns)) - 1
        if phrase.firstTerm + Int32(phrase.tokens.count) <= api.pointee.xPhraseCount(fts) {
            for term in phrase.firstTerm..<(phrase.firstTerm + Int32(phrase.tokens.count)) {
                var holding: UInt64 = 0
                var iterator = Fts5PhraseIter()
                var column: Int32 = -1
                let rc = api.pointee.xPhraseFirstColumn(fts, term, &iterator, &column)
                guard rc == SQLITE_OK else { throw FullTextError(code: rc) }
                while column >= 0 {
                    if column < 64 { holding |= UInt64(1) << UInt64(column) }
                    api.pointee.xPhraseNextColumn(fts, &iterator, &column)
                }
                candidates &= holding
            }
        }
        var active = [Bool](repeating: false, count: phrase.tokens.count)
        for column in 0..<columns where column >= 64 || candidates & (UInt64(1) << UInt64(column)) != 0 {
            let text = try FullTextAux.columnText(api, fts, column)
            guard let base = text.baseAddress, !text.isEmpty else { continue }
            // No Swift object is touched per token: the scan reads and writes through pointers.
            let found = try phrase.flat.withUnsafeBufferPointer { bytes in
                try phrase.starts.withUnsafeBufferPointer { starts in
                    try active.withUnsafeMutableBufferPointer { active in
                        active.initialize(repeating: false)
                        var scan = Scan(bytes: bytes.baseAddress, starts: starts.baseAddress!, size: phrase.tokens.count,
                                        prefix: phrase.prefix, active: active.baseAddress!, found: false)
                        let rc = base.withMemoryRebound(to: CChar.self, capacity: text.count) { chars in
                            api.pointee.xTokenize(fts, chars, Int32(text.count), &scan, Self.step)
                        }
                        guard rc == SQLITE_OK || rc == SQLITE_DONE else { throw FullTextError(code: rc) }
                        return scan.found
                    }
                }
            }
            if found { return true }
        }
        return false
    }
}
