/// A date expression found in a document: its span (code points, end exclusive) and value.
public struct DateMatch: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var value: DateValue
    /// False for a length, age, frequency or anaphor (`two years`, `21-year-old`, `annual`,
    /// `the year`): OntoNotes marks them as dates, but they name no place on the calendar.
    public var isCalendar: Bool

    public init(start: Int, end: Int, value: DateValue, isCalendar: Bool = true) {
        self.start = start
        self.end = end
        self.value = value
        self.isCalendar = isCalendar
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
    public var convention: DateConvention

    public init(reference: CivilDate, numericOrder: NumericDateOrder = .monthDay, convention: DateConvention = .calendar) {
        self.reference = reference
        self.numericOrder = numericOrder
        self.convention = convention
    }
}

/// What counts as a date. The service reports calendar references; OntoNotes' DATE also
/// covers lengths and leaves parts of a day to TIME. The recognizer reads both the same
/// way and only reports differently, so a dataset's convention stays in its scorer.
public enum DateConvention: String, Sendable {
    /// Calendar references only (`shared/data/realnews/GUIDELINES.md`): no lengths
    /// (`two years`, `three-month`), ages, frequencies (`annual`), anaphora (`the year`
    /// after a date) or offsets from an event the text does not date (`nine days later`
    /// with no date before it); a part of a day is in its day's span (`Thursday morning`,
    /// `this afternoon`).
    case calendar
    /// Calendar references, and periods counted from the reference date (`the next 3
    /// days`, `within 5 years`, `the past two quarters`) with the range they cover: the
    /// Recognizers-Text suites read those as date ranges, the guidelines as lengths. An
    /// offset with no date before it counts from the reference too (`a fortnight later`).
    case recognizers
    /// OntoNotes DATE: lengths, ages, frequencies and anaphora too; parts of a day are
    /// TIME, so `Thursday morning` is `Thursday` and `this afternoon` is left out.
    case ontoNotes
}

/// Finds and resolves date expressions: absolute (`14 March 2024`, `3/3/24`), relative
/// (`earlier this week`, `two years ago`), periods (`Q3 2023`, `the 1990s`), ranges
/// (`from Friday through to Sunday`). It also reads OntoNotes-style lengths (`two years`,
/// `annual`, value grain `.duration`) so that they are not mistaken for dates, and reports
/// them only under the `.ontoNotes` convention (periods counted from the reference, under
/// `.recognizers` too). One left-to-right pass over the tokens; at each token
/// the longest reading wins and scanning resumes after it.
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
            var isCalendar = !parse.isLength
            var resolved: DatePeriod?
            switch parse.meaning {
            case .duration:
                value = DateValue(grain: .duration)
                isCalendar = false
            default:
                if let period = grammar.period(of: parse, at: i) {
                    // `999 centuries ago`: years outside 0001…9999 have no ISO form; keep the span only
                    value = period.from.year >= 1 && period.to.year <= 9999 ? period.value : DateValue(grain: .duration)
                    resolved = period
                } else if case .anchored(let shift) = parse.meaning, options.convention == .recognizers,
                          let counted = shift.countedFromReference {
                    value = counted.value
                    resolved = counted
                } else if case .anchored(let shift) = parse.meaning {
                    // `that year` with no date stated before it: an anaphor, not a date
                    value = DateValue(grain: .duration)
                    isCalendar = false
                    // `the week` refers to the week last dated, and carries it on
                    if shift.anaphor, let a = grammar.memo.anchor {
                        grammar.memo.anchor = (a.period, grammar.sentenceIndex(i))
                    }
                } else {
                    i += 1
                    continue
                }
            }
            var first = i
            // OntoNotes leaves `from`, `in` and `within` outside the span (`from Friday through to Sunday`)
            if WordList("from in within").contains(grammar.key(first)), parse.end > first + 1 { first += 1 }
            // the guidelines leave `between` out too (`between June 1 1987 and May 31 1994`)
            else if grammar.key(first) == "between", options.convention != .ontoNotes, parse.end > first + 1 { first += 1 }
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
                } else if p - first == 2, grammar.key(first) == "this", options.convention == .ontoNotes {
                    first += 1
                } else if p - first >= 2, options.convention == .ontoNotes {
                    end = tokens[p + 1].end
                }
            }
            i = parse.end
            if isCalendar, let period = resolved {
                grammar.memo.anchor = (period, grammar.sentenceIndex(first))
            }
            let ontoNotes = options.convention == .ontoNotes
            let countedRange = options.convention == .recognizers && parse.isLength && resolved != nil
            guard isCalendar || ontoNotes || countedRange else { continue }
            if ontoNotes, parse.dayPart == .whole { continue }
            if ontoNotes, parse.dayPart == .suffix { end = tokens[parse.end - 2].end }
            matches.append(DateMatch(start: tokens[first].start, end: end, value: value, isCalendar: isCalendar))
            if !ontoNotes, let sides = parse.sides, let period = resolved {
                matches.append(contentsOf: rangeEnds(sides, of: period, tokens: tokens))
            } else {
                matches.append(contentsOf: weekdayEnds(of: first..<parse.end, value: value, tokens: tokens))
            }
        }
        return matches
    }

    /// `between June 1 1987 and May 31 1994`, `from Friday through to Sunday`, `October to
    /// December`: a range, and each end a date of its own, nested in it, with the day, month
    /// or year it resolved to.
    private func rangeEnds(_ sides: (Range<Int>, Range<Int>), of period: DatePeriod, tokens: [Token]) -> [DateMatch] {
        let a: DatePeriod, b: DatePeriod
        switch period.grain {
        case .day: a = .day(period.from); b = .day(period.to)
        case .month: a = .month(period.from.month, of: period.from.year); b = .month(period.to.month, of: period.to.year)
        case .year: a = .year(period.from.year); b = .year(period.to.year)
        default: return []
        }
        return [(sides.0, a), (sides.1, b)].map { side, p in
            DateMatch(start: tokens[side.lowerBound].start, end: tokens[side.upperBound - 1].end, value: p.value)
        }
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
