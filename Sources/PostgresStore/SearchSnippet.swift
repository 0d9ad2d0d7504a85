import ArticleStore
import Foundation

extension SearchTerms {
    /// The words of the expression: each quoted part (a word or a phrase) and whether a
    /// trailing `*` makes its last word a prefix. Reads back what `SearchTerms` wrote.
    var parts: [(text: String, prefix: Bool)] {
        var parts: [(text: String, prefix: Bool)] = []
        var chars = Substring(expression)
        while let open = chars.firstIndex(of: "\"") {
            var text = ""
            var i = chars.index(after: open)
            while i < chars.endIndex {
                if chars[i] == "\"" {
                    let next = chars.index(after: i)
                    if next < chars.endIndex, chars[next] == "\"" {
                        text.append("\"")
                        i = chars.index(after: next)
                        continue
                    }
                    break
                }
                text.append(chars[i])
                i = chars.index(after: i)
            }
            chars = i < chars.endIndex ? chars[chars.index(after: i)...] : chars[chars.endIndex...]
            let prefix = chars.hasPrefix(" *")
            if prefix { chars = chars.dropFirst(2) }
            parts.append((text, prefix))
        }
        return parts
    }
}

/// The passage of a search hit, as the SQLite store's `snippet()` gives it: up to 24
/// words of the title or the text around the best group of matches, the matched words
/// marked, `…` where the passage cuts the column. Words are runs of letters and digits,
/// compared without case or accents.
enum SearchSnippet {
    static let words = 24

    static func parts(title: String?, text: String, terms: [(text: String, prefix: Bool)]) -> [(text: String, match: Bool)] {
        let phrases = terms.map { (words: tokens(in: $0.text).map { fold($0.word) }, prefix: $0.prefix) }.filter { !$0.words.isEmpty }
        let fromText = best(in: text, phrases)
        // As FTS5 with column -1: the first column (the title) wins a tie.
        if let title, let fromTitle = Optional(best(in: title, phrases)), fromTitle.score > 0, fromTitle.score >= fromText.score {
            return fromTitle.parts
        }
        return fromText.parts
    }

    private static func best(in column: String, _ phrases: [(words: [String], prefix: Bool)]) -> (score: Int, parts: [(text: String, match: Bool)]) {
        let found = tokens(in: column)
        let folded = found.map { fold($0.word) }
        // Every occurrence of every phrase: (phrase, first word, last word).
        var hits: [(phrase: Int, first: Int, last: Int)] = []
        for (p, phrase) in phrases.enumerated() where phrase.words.count <= folded.count {
            for start in 0...(folded.count - phrase.words.count) {
                let matches = phrase.words.indices.allSatisfy { k in
                    let word = folded[start + k]
                    return phrase.prefix && k == phrase.words.count - 1 ? word.hasPrefix(phrase.words[k]) : word == phrase.words[k]
                }
                if matches { hits.append((p, start, start + phrase.words.count - 1)) }
            }
        }
        var window = 0..<min(words, found.count)
        var bestScore = -1
        for hit in hits {
            let span = hit.last - hit.first + 1
            let start = max(0, min(hit.first - max(0, words - span) / 2, found.count - words))
            let candidate = start..<min(found.count, start + words)
            let inside = hits.filter { candidate.contains($0.first) && candidate.contains($0.last) }
            let score = Set(inside.map(\.phrase)).count * 1000 + inside.count
            if score > bestScore { bestScore = score; window = candidate }
        }
        guard !found.isEmpty else { return (0, column.isEmpty ? [] : [(column, false)]) }
        let marked = hits.filter { window.contains($0.first) && window.contains($0.last) }
            .map { found[$0.first].range.lowerBound..<found[$0.last].range.upperBound }
            .sorted { $0.lowerBound < $1.lowerBound }
        let from = window.lowerBound == 0 ? column.startIndex : found[window.lowerBound].range.lowerBound
        let to = window.upperBound == found.count ? column.endIndex : found[window.upperBound - 1].range.upperBound
        var parts: [(text: String, match: Bool)] = []
        var cursor = from
        if window.lowerBound > 0 { parts.append(("…", false)) }
        for range in marked where range.lowerBound >= cursor {
            if cursor < range.lowerBound { parts.append((String(column[cursor..<range.lowerBound]), false)) }
            parts.append((String(column[range]), true))
            cursor = range.upperBound
        }
        if cursor < to { parts.append((String(column[cursor..<to]), false)) }
        if window.upperBound < found.count { parts.append(("…", false)) }
        return (max(0, bestScore), merged(parts))
    }

    /// Neighbouring runs of the same kind as one (the ellipsis joins the text beside it).
    private static func merged(_ parts: [(text: String, match: Bool)]) -> [(text: String, match: Bool)] {
        var out: [(text: String, match: Bool)] = []
        for part in parts {
            if let last = out.last, last.match == part.match { out[out.count - 1].text += part.text } else { out.append(part) }
        }
        return out
    }

    /// Runs of letters and digits, with where they are.
    static func tokens(in text: String) -> [(word: Substring, range: Range<String.Index>)] {
        var out: [(word: Substring, range: Range<String.Index>)] = []
        var start: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            let isWord = text[i].isLetter || text[i].isNumber
            if isWord, start == nil { start = i }
            if !isWord, let s = start { out.append((text[s..<i], s..<i)); start = nil }
            i = text.index(after: i)
        }
        if let s = start { out.append((text[s...], s..<text.endIndex)) }
        return out
    }

    static func fold(_ word: Substring) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
