/// Counted spans of time: `two years ago`, `in 3 weeks`, `the next 3 days`, `the past
/// two years`, `within 5 days`, `3 days after January 12th`, `a year earlier`, and the
/// bare lengths OntoNotes marks as dates (`two years`, `five-year`, `recent years`).
extension DateGrammar {
    /// `2 years 1 month 21 days`, `2 weeks and 2 days`, `a few days`: counts with units.
    func amount(_ i: Int, maxParts: Int = 4) -> (parts: [(Int, TimeUnit)], end: Int)? {
        var parts: [(Int, TimeUnit)] = []
        var j = i
        while true {
            guard var c = count(j) else { break }
            // `180 to 270 days`: a range of counts
            if key(c.end) == "to", let d = count(c.end + 1), d.value > c.value, lex(d.end).units != nil { c = (d.value, d.end) }
            // `three or four years`: the larger count
            if key(c.end) == "or", let d = count(c.end + 1), lex(d.end).units != nil { c = (max(c.value, d.value), d.end) }
            var u = c.end
            if key(u) == "and", key(u + 1) == "half" || key(u + 1) == "a" { u += key(u + 1) == "a" ? 3 : 2 }
            guard let unit = lex(u).units else { break }
            // `a day` is no count unless more follows (`a day earlier`)
            parts.append((c.value, unit))
            j = u + 1
            if parts.count >= maxParts { break }
            let next = key(j) == "and" ? j + 1 : (isPunct(j, ",") ? j + 1 : j)
            // `five days a week` is a rate: `a` does not continue a length
            if key(next) != "a", key(next) != "an", count(next) != nil, lex(count(next)!.end).units != nil { j = next; continue }
            break
        }
        return parts.isEmpty ? nil : (parts, j)
    }

    func shifted(_ d: CivilDate, by parts: [(Int, TimeUnit)], sign: Int) -> CivilDate {
        var r = d
        for (n, u) in parts.sorted(by: { rank($0.1) > rank($1.1) }) { r = r.adding(sign * n, u) }
        return r
    }

    private func rank(_ u: TimeUnit) -> Int {
        switch u {
        case .day: return 0
        case .week, .fortnight: return 1
        case .month: return 2
        case .quarter: return 3
        case .year: return 4
        case .decade: return 5
        case .century: return 6
        }
    }

    /// `the next 3 days`, `past few days`, `the last two decades`, `3 next weeks`,
    /// `within 5 days`, `recent years`.
    func countedPeriod(_ i: Int) -> DateParse? {
        let ref = reference
        var j = i
        if key(j) == "the" { j += 1 }
        var within = false
        if key(j) == "last", WordList("to will would could can may might should must").contains(key(j - 1)) { return nil }
        if key(j) == "within" { within = true; j += 1; if key(j) == "the" { j += 1 } }
        var shift = 0
        var n: [(Int, TimeUnit)]
        var end: Int
        if let s = lex(j).shifts, s != 0, let a = amount(j + 1), a.parts.count >= 1,
           !(a.parts.count == 1 && a.parts[0].0 == 1 && count(j + 1)?.end == j + 1 && digits(j + 1) == nil && key(j + 1) != "one") {
            shift = s; n = a.parts; end = a.end
            // `the last 3 months and 2 days ago`: the second length belongs to `ago`
            if a.parts.count > 1, WordList("ago later earlier").contains(key(a.end)), let first = amount(j + 1, maxParts: 1) {
                n = first.parts; end = first.end
            }
        } else if let c = count(j), let s = lex(c.end).shifts, s != 0, let unit = lex(c.end + 1).units, key(c.end + 1).hasASCIISuffix("s") {
            shift = s; n = [(c.value, unit)]; end = c.end + 2
        } else if within, let a = amount(j) {
            shift = 1; n = a.parts; end = a.end
        } else if key(j) == "recent" || key(j) == "coming", lex(j + 1).units != nil, key(j + 1).hasASCIISuffix("s") {
            // recent years: OntoNotes marks it; no calendar value can be given
            return DateParse(end: skipPossessive(j + 2), meaning: .duration)
        } else {
            return nil
        }
        if within {
            let to = shifted(ref, by: n, sign: 1).adding(days: -1)
            return DateParse(end: end, meaning: .period(DatePeriod(from: ref, to: to, grain: .duration)))
        }
        // quarters and decades count whole calendar periods; other units count days
        if n.count == 1, n[0].1 == .quarter || n[0].1 == .decade {
            let unit = n[0].1
            let current = DatePeriod.unit(unit, containing: ref)
            let period: DatePeriod = shift > 0
                ? DatePeriod(from: current.to.adding(days: 1), to: DatePeriod.unit(unit, containing: ref.adding(n[0].0, unit)).to, grain: .duration)
                : DatePeriod(from: DatePeriod.unit(unit, containing: ref.adding(-n[0].0, unit)).from, to: current.from.adding(days: -1), grain: .duration)
            return DateParse(end: skipPossessive(end), meaning: .period(period))
        }
        let period: DatePeriod = shift > 0
            ? DatePeriod(from: ref.adding(days: 1), to: shifted(ref, by: n, sign: 1), grain: .duration)
            : DatePeriod(from: shifted(ref, by: n, sign: -1), to: ref.adding(days: -1), grain: .duration)
        // `the past five years`, `the next 3 days`: counted from publication, so a range of days
        return DateParse(end: skipPossessive(end), meaning: .period(period))
    }

    /// `two years ago`, `in 2 weeks`, `3 weeks later`, `two days from today`,
    /// `2 weeks before May 13 1999`, `a year earlier`, and bare `two years`.
    func countedOffset(_ i: Int) -> DateParse? {
        let ref = reference
        var j = i
        let isIn = key(j) == "in"
        if isIn { j += 1 }
        guard let a = amount(j) else { return nil }
        var end = a.end
        let word = key(end)
        if isIn {
            // `in two weeks` is a day ahead only when the sentence looks ahead; the span
            // leaves `in` out either way, as OntoNotes does (the driver trims it)
            if word == "the" || word == "time" { return nil }
            var e = end
            if (isPunct(e, "’") || isPunct(e, "'")), key(e + 1) == "s", key(e + 2) == "time" { e += 3 }
            if direction(ofSentenceAt: i) == .past || followsSuperlative(i) { return DateParse(end: e, meaning: .duration) }
            return DateParse(end: e, meaning: .period(.day(shifted(ref, by: a.parts, sign: 1))))
        }
        // ages: `39 years old`, `16 year-old`, `17 year old`
        if key(end) == "old" { return DateParse(end: end + 1, meaning: .duration) }
        if isDash(end), joined(end), key(end + 1) == "old" { return DateParse(end: end + 2, meaning: .duration) }
        // `3 days starting from next Monday`, `a week starting tomorrow`, `for 3 days from today`
        var s = end
        if isPunct(s, ",") { s += 1 }
        if key(s) == "starting" || key(s) == "beginning" || (key(s) == "from" && key(i - 1) == "for") {
            var a2 = s + 1
            if key(s) != "from", key(a2) == "from" || key(a2) == "on" { a2 += 1 }
            if let anchored = anchorExpression(a2), let base = period(of: anchored, at: i) {
                let to = shifted(base.from, by: a.parts, sign: 1).adding(days: -1)
                return DateParse(end: anchored.end, meaning: .period(DatePeriod(from: base.from, to: to, grain: .duration)))
            }
        }
        // `10 years earlier`, `a year ago` after a quarterly figure: from the date stated before
        if a.parts.count == 1, WordList("earlier later ago").contains(word), !(word != "ago" && lex(end + 1).shifts != nil) {
            let (n, unit) = a.parts[0]
            let sign = word == "later" ? 1 : -1
            let fallback: DatePeriod?
            var counted: DatePeriod?
            if word == "ago" {
                fallback = .day(shifted(ref, by: a.parts, sign: -1))
            } else if word == "earlier", n == 1, [.year, .quarter, .month].contains(unit) {
                fallback = .unit(unit, containing: ref.adding(-1, unit))
            } else {
                // `nine days later` with no date before it counts from an event the text does
                // not date (the guidelines leave it out): no calendar date, but the
                // Recognizers suites count it from their reference date
                fallback = nil
                counted = .day(shifted(ref, by: a.parts, sign: sign))
            }
            var shift = AnchoredShift(count: sign * n, unit: unit, asUnit: false,
                                      anchorGrains: word == "ago" ? [.quarter, .half] : nil, fallback: fallback)
            shift.countedFromReference = counted
            return DateParse(end: end + 1, meaning: .anchored(shift))
        }
        switch word {
        case "ago", "before", "earlier", "back":
            if word == "before" || word == "after", let anchored = anchorExpression(end + 1), let base = period(of: anchored, at: i) {
                return DateParse(end: anchored.end, meaning: .period(.day(shifted(base.from, by: a.parts, sign: -1))))
            }
            if word == "before" { break }
            return DateParse(end: end + 1, meaning: .period(.day(shifted(ref, by: a.parts, sign: -1))))
        case "later", "hence", "after", "since":
            if word == "after" || word == "since", let anchored = anchorExpression(end + 1), let base = period(of: anchored, at: i) {
                return DateParse(end: anchored.end, meaning: .period(.day(shifted(base.from, by: a.parts, sign: 1))))
            }
            if word == "after" || word == "since" { break }
            return DateParse(end: end + 1, meaning: .period(.day(shifted(ref, by: a.parts, sign: 1))))
        case "from":
            if key(end + 1) == "now" { return DateParse(end: end + 2, meaning: .period(.day(shifted(ref, by: a.parts, sign: 1)))) }
            if let anchored = anchorExpression(end + 1), let base = period(of: anchored, at: i) {
                return DateParse(end: anchored.end, meaning: .period(.day(shifted(base.from, by: a.parts, sign: 1))))
            }
        default:
            break
        }
        // A bare length: OntoNotes DATE when it is time (`two years`), not `a day` alone.
        if a.parts.count == 1, a.parts[0].1 != .day || digits(j) != nil || key(j) != "a" {
            if key(j) == "a" || key(j) == "an" {
                // `$17,500 a year` is a rate; `for a year` is a length
                if a.parts[0].1 == .day || a.parts[0].1 == .week { return nil }
                guard WordList("for about than nearly almost within over after in only just").contains(key(j - 1)) else { return nil }
            }
            if isDash(end), joined(end) { return nil }
            end = skipPossessive(end)
            return DateParse(end: end, meaning: .duration)
        }
        return a.parts.count > 1 ? DateParse(end: end, meaning: .duration) : nil
    }

    /// A superlative just before `in` in its clause (`its biggest slide in a month`, `the
    /// first time in two years`, `their worst defeat in a century`): the length reaches
    /// back from publication, it names no day ahead.
    func followsSuperlative(_ i: Int) -> Bool {
        var k = i - 1
        while k >= 0, k >= i - 4, tokens[k].kind == .word {
            if DateLexicon.isSuperlative(key(k)) { return true }
            k -= 1
        }
        return false
    }

    /// `year-earlier`, `the year-ago period`: the date stated before, a year back.
    var yearEarlier: AnchoredShift {
        AnchoredShift(count: -1, unit: .year, asUnit: false, fallback: .year(reference.year - 1))
    }

    /// `five-year`, `30-year`, `two-day`, `14-year-old`, `year-earlier`, `year-ago`.
    func lengthAdjective(_ i: Int) -> DateParse? {
        var j = i
        if let c = count(j), c.end == j + 1, isDash(c.end), joined(c.end), joined(c.end + 1) {
            j = c.end + 1
        } else if key(j) == "full", isDash(j + 1), joined(j + 1), key(j + 2) == "year" {
            return DateParse(end: j + 3, meaning: .duration)
        } else if key(j) == "year" || key(j) == "month" || key(j) == "quarter" || key(j) == "week" {
            if key(j) == "year", isDash(j + 1), joined(j + 1), WordList("earlier ago").contains(key(j + 2)) {
                // `from $639m year-earlier`: the stated period a year before
                return DateParse(end: j + 3, meaning: .anchored(yearEarlier))
            }
            if isDash(j + 1), joined(j + 1), WordList("earlier ago before long to").contains(key(j + 2)) {
                if key(j + 2) == "to", key(j + 4) == "date" { return DateParse(end: j + 5, meaning: .duration) }
                if key(j + 2) == "to" { return nil }
                return DateParse(end: j + 3, meaning: .duration)
            }
            return nil
        } else {
            return nil
        }
        guard let unit = lex(j).units, !key(j).hasASCIISuffix("s") || unit == .year else { return nil }
        var end = j + 1
        if isDash(end), joined(end), key(end + 1) == "old" { end += 2 }
        return DateParse(end: end, meaning: .duration)
    }
}
