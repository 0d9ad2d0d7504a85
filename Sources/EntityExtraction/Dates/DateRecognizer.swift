/// A date expression found in a document: its span (code points, end exclusive) and value.
public struct DateMatch: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var value: DateValue

    public init(start: Int, end: Int, value: DateValue) {
        self.start = start
        self.end = end
        self.value = value
    }
}

/// Which way numeric dates such as `3/4/24` are read when both readings are valid.
public enum NumericDateOrder: String, Sendable {
    case monthDay = "month-day"
    case dayMonth = "day-month"
}

/// Settings for date recognition.
public struct DateOptions: Sendable {
    /// The day relative expressions resolve against (the article's publication date).
    public var reference: CivilDate
    public var numericOrder: NumericDateOrder

    public init(reference: CivilDate, numericOrder: NumericDateOrder = .monthDay) {
        self.reference = reference
        self.numericOrder = numericOrder
    }
}

/// Finds and resolves date expressions: absolute (`14 March 2024`, `3/3/24`), relative
/// (`earlier this week`, `two years ago`), periods (`Q3 2023`, `the 1990s`), ranges
/// (`from Friday through to Sunday`) and OntoNotes-style lengths (`two years`, `annual`,
/// value grain `.duration`). One left-to-right pass over the tokens; at each token the
/// longest reading wins and scanning resumes after it.
public struct DateRecognizer: Sendable {
    public var options: DateOptions

    public init(options: DateOptions) {
        self.options = options
    }

    public func recognize(_ document: Document) -> [DateMatch] {
        let grammar = DateGrammar(document: document, reference: options.reference, numericOrder: options.numericOrder)
        let tokens = document.tokens
        var matches: [DateMatch] = []
        var i = 0
        while i < tokens.count {
            guard let parse = grammar.expression(i), parse.end > i else { i += 1; continue }
            let value: DateValue
            switch parse.meaning {
            case .duration:
                value = DateValue(grain: .duration)
            default:
                guard let period = grammar.period(of: parse, at: i) else { i += 1; continue }
                // `999 centuries ago`: years outside 0001…9999 have no ISO form; keep the span only
                value = period.from.year >= 1 && period.to.year <= 9999 ? period.value : DateValue(grain: .duration)
            }
            var first = i
            // OntoNotes leaves `from`, `in` and `within` outside the span (`from Friday through to Sunday`)
            if ["from", "in", "within"].contains(grammar.key(first)), parse.end > first + 1 { first += 1 }
            var end = tokens[parse.end - 1].end
            // `the 1960s.`: the tokenizer reads `s.` as an initial; the full stop ends the sentence
            if tokens[parse.end - 1].text == "s." { end -= 1 }
            // OntoNotes keeps the possessive in longer spans (`last year's`) but not after one
            // word (`Friday`'s), and marks only the noun of `this year's` or `the day's`
            let p = parse.end
            if p + 1 < tokens.count, tokens[p].joinedToPrevious, tokens[p].text == "'" || tokens[p].text == "’",
               tokens[p + 1].text == "s", tokens[p + 1].joinedToPrevious {
                if p - first == 2, grammar.key(first) == "the" {
                    // `the day's action`: a possessive of the story's day, not marked
                    i = parse.end
                    continue
                } else if p - first == 2, grammar.key(first) == "this" {
                    first += 1
                } else if p - first >= 2 {
                    end = tokens[p + 1].end
                }
            }
            matches.append(DateMatch(start: tokens[first].start, end: end, value: value))
            matches.append(contentsOf: weekdayEnds(of: first..<parse.end, value: value, tokens: tokens))
            i = parse.end
        }
        return matches
    }

    /// `Friday through to Sunday` is a range and also names two days: each weekday at an
    /// end of a range is reported on its own, nested in the range, with the day it
    /// resolved to (as the seed article's annotation marks them).
    private func weekdayEnds(of span: Range<Int>, value: DateValue, tokens: [Token]) -> [DateMatch] {
        guard span.count >= 3, let from = value.from, let to = value.to, from != to,
              DateLexicon.weekdays[tokens[span.lowerBound].lower] != nil,
              DateLexicon.weekdays[tokens[span.upperBound - 1].lower] != nil else { return [] }
        let a = tokens[span.lowerBound], b = tokens[span.upperBound - 1]
        return [DateMatch(start: a.start, end: a.end, value: DateValue(date: from, grain: .day)),
                DateMatch(start: b.start, end: b.end, value: DateValue(date: to, grain: .day))]
    }
}
