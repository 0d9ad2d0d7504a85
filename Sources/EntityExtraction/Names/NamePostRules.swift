/// Small corrections after the statistical tagger, for news conventions its training
/// text (OntoNotes) rarely shows. Each rule only widens a found name; none invents one.
enum NamePostRules {
    /// Words that make a place name into the name of an area: `Donetsk region`.
    static let areaWords: Set<String> = ["region", "oblast", "province", "governorate", "prefecture"]
    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    /// Code point spans for token spans. A name ending a sentence with an abbreviation
    /// (`… Toyota Motor Corp.`, `… Sacramento, Calif.`) leaves the full stop out: it is the
    /// sentence's, as OntoNotes marks it (167 times to 43 in its training split). Dotted
    /// acronyms (`U.S.`) keep theirs.
    static func matches(_ spans: [(tokens: Range<Int>, type: Int)], document: Document) -> [NameMatch] {
        let tokens = document.tokens
        return spans.map { span in
            let last = tokens[span.tokens.upperBound - 1]
            var end = last.end
            if last.kind == .word, last.end - last.start >= 3, document.scalars[last.end - 1] == ".",
               !document.scalars[last.start..<(last.end - 1)].contains("."), endsSentence(after: span.tokens.upperBound, tokens) {
                end -= 1
            }
            return NameMatch(start: tokens[span.tokens.lowerBound].start, end: end, type: NameTagSet.types[span.type])
        }
    }

    /// Whether the token at `index` starts a new sentence (or the text ends before it).
    static func endsSentence(after index: Int, _ tokens: [Token]) -> Bool {
        guard index < tokens.count else { return true }
        let next = tokens[index]
        if next.newlineBefore { return true }
        guard !next.joinedToPrevious else { return false }
        if next.isCapitalized || next.kind == .number { return true }
        return next.kind == .punctuation && ["\"", "'", "“", "‘", "("].contains(next.text)
    }

    static func apply(to spans: [(tokens: Range<Int>, type: Int)], document: Document) -> [(tokens: Range<Int>, type: Int)] {
        let tokens = document.tokens
        let place = NameTagSet.typeIndex(of: .place)!
        let organisation = NameTagSet.typeIndex(of: .organisation)!
        var result = spans
        for k in result.indices {
            var r = result[k].tokens
            let type = result[k].type
            let previousEnd = k > 0 ? result[k - 1].tokens.upperBound : 0
            let nextStart = k + 1 < result.count ? result[k + 1].tokens.lowerBound : tokens.count
            // `28th Separate Mechanised Brigade`: the tokenizer splits `28th`, the model drops it.
            if type == organisation, r.lowerBound >= 2, r.lowerBound - 2 >= previousEnd {
                let number = tokens[r.lowerBound - 2], suffix = tokens[r.lowerBound - 1]
                if number.kind == .number, suffix.joinedToPrevious, !tokens[r.lowerBound].joinedToPrevious,
                   ordinalSuffixes.contains(suffix.text.lowercased()) {
                    r = (r.lowerBound - 2)..<r.upperBound
                }
            }
            // `Donetsk region`: a place followed by a lower-case area word.
            if type == place, r.upperBound < nextStart {
                let next = tokens[r.upperBound]
                if next.kind == .word, !next.joinedToPrevious, areaWords.contains(next.text) {
                    r = r.lowerBound..<(r.upperBound + 1)
                }
            }
            result[k].tokens = r
        }
        return surnamesFollowFullNames(result, document: document)
    }

    /// `Stoltenberg` alone after `Jens Stoltenberg`: a one-word name that ends a longer
    /// person name elsewhere in the article is that person (news style names people in full
    /// first, then by surname).
    static func surnamesFollowFullNames(_ spans: [(tokens: Range<Int>, type: Int)], document: Document)
        -> [(tokens: Range<Int>, type: Int)] {
        let person = NameTagSet.typeIndex(of: .person)!
        var surnames = Set<String>()
        for span in spans where span.type == person && span.tokens.count >= 2 {
            let last = document.tokens[span.tokens.upperBound - 1]
            if last.kind == .word, last.isCapitalized { surnames.insert(last.text) }
        }
        guard !surnames.isEmpty else { return spans }
        return spans.map { span in
            guard span.type != person, span.tokens.count == 1,
                  surnames.contains(document.tokens[span.tokens.lowerBound].text) else { return span }
            return (span.tokens, person)
        }
    }
}
