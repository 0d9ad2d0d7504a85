/// The grammar's entry points: every rule family tried at a token, the longest reading
/// kept, and wrappers that extend a reading (`early 2019`, `Tuesday of next week`).
extension DateGrammar {
    /// The longest single (non-range) date expression starting at token `i`.
    func single(_ i: Int) -> DateParse? {
        if let known = memo.single[i] { return known }
        let parse = computeSingle(i)
        memo.single[i] = .some(parse)
        return parse
    }

    /// True when a date can start at token `i`: most tokens are ruled out by one lookup.
    func canStart(_ i: Int) -> Bool {
        guard exists(i) else { return false }
        switch tokens[i].kind {
        case .number: return true
        case .punctuation: return tokens[i].text == "'" || tokens[i].text == "’"
        case .symbol: return false
        case .word:
            let k = keys[i]
            guard DateLexicon.starters.contains(k) else { return false }
            // function words start a date only before a date word or a number
            if DateLexicon.leadWords.contains(k) {
                guard exists(i + 1) else { return false }
                if tokens[i + 1].kind == .number || isPunct(i + 1, "'") || isPunct(i + 1, "’") || isDash(i + 1) { return true }
                let next = keys[i + 1]
                if k == "in" { return count(i + 1) != nil }
                if DateGrammar.twoWordQualifiers.contains(k + " " + next) {
                    return exists(i + 2) && (tokens[i + 2].kind == .number || DateLexicon.starters.contains(keys[i + 2]))
                }
                return DateLexicon.starters.contains(next) || ["of", "thousand", "hundred", "working", "work", "workers", "and", "year's", "years"].contains(next)
            }
            return true
        }
    }

    private func computeSingle(_ i: Int) -> DateParse? {
        guard canStart(i) else { return nil }
        var best: DateParse?
        func consider(_ p: DateParse?) {
            guard let p = p, p.end > i else { return }
            if best == nil || p.end > best!.end { best = p }
        }
        let t = tokens[i]
        if t.kind == .number || t.kind == .punctuation {
            consider(numeric(i))
            consider(dayLed(i))
            consider(yearLed(i))
            consider(quarterOrHalf(i))
            consider(decadeOrCentury(i))
            consider(countedOffset(i, anchor: anchorExpression))
            consider(lengthAdjective(i))
            consider(nthWeekday(i, anchor: anchorExpression))
            consider(weekOf(i, anchor: anchorExpression))
            consider(countedPeriod(i))
            consider(apposedAge(i))
            if best == nil { consider(bareYear(i)) }
            return best
        }
        guard t.kind == .word else { return nil }
        consider(monthLed(i))
        consider(dayLed(i))
        consider(bareDay(i))
        consider(weekdayWithWeek(i))
        consider(relativeDay(i))
        consider(shiftedPeriod(i, direction: direction(ofSentenceAt: i)))
        consider(partOfPeriod(i))
        consider(countedPeriod(i))
        consider(countedOffset(i, anchor: anchorExpression))
        consider(lengthAdjective(i))
        consider(quarterOrHalf(i))
        consider(decadeOrCentury(i))
        consider(namedYear(i))
        consider(weekOf(i, anchor: anchorExpression))
        consider(nthWeekday(i, anchor: anchorExpression))
        consider(holiday(i))
        consider(season(i))
        consider(modified(i))
        consider(newsPhrase(i))
        consider(afterNext(i))
        consider(qualified(i))
        consider(yearEnded(i))
        if best == nil { consider(bareYear(i)) }
        return best
    }

    static let qualifiers: Set<String> = ["about", "just", "only", "nearly", "almost", "some", "around", "another", "approximately", "roughly"]
    static let twoWordQualifiers: Set<String> = ["more than", "less than", "at least", "up to", "fewer than", "an additional"]

    /// `about two weeks`, `more than four years`, `up to 10 years`: OntoNotes keeps the
    /// qualifier inside a counted length.
    func qualified(_ i: Int) -> DateParse? {
        var j = i
        if DateGrammar.qualifiers.contains(key(i)) { j = i + 1 }
        else if DateGrammar.twoWordQualifiers.contains(key(i) + " " + key(i + 1)) { j = i + 2 }
        else { return nil }
        // `only last month`: a qualifier before a shifted period is kept too
        let shifted = ["last", "this", "next"].contains(key(j)) && DateLexicon.units[key(j + 1)] != nil && ["only", "just"].contains(key(i))
        guard count(j) != nil || shifted, key(j) != "a" || DateLexicon.units[key(j + 1)] != nil, let inner = single(j) else { return nil }
        if key(inner.end) == "old" || (isDash(inner.end) && key(inner.end + 1) == "old") { return nil }
        if case .parts = inner.meaning { return nil }
        if key(inner.end - 1) == "old", key(i) == "only" { return nil }
        return inner
    }

    /// `Mr. Bromwich, 35,`: an age in apposition, which OntoNotes marks as a date.
    func apposedAge(_ i: Int) -> DateParse? {
        guard let n = digits(i), digitCount(i) == 2, n >= 18, isPunct(i - 1, ","), exists(i - 2), tokens[i - 2].kind == .word,
              tokens[i - 2].isCapitalized, isPunct(i + 1, ",") || isPunct(i + 1, ";") else { return nil }
        if exists(i + 2), digits(i + 2) != nil { return nil }
        return DateParse(end: i + 1, meaning: .duration)
    }

    /// What an anchor (`after January 12th`, `of next month`) may be.
    func anchorExpression(_ i: Int) -> DateParse? {
        if key(i) == "now" { return DateParse(end: i + 1, meaning: .period(.day(reference))) }
        if let s = single(i) { return s }
        if let m = month(i) { return DateParse(end: skipPossessive(i + 1), meaning: .parts(CalendarParts(month: m))) }
        return nil
    }

    /// A single expression or a range, whichever reads further.
    func expression(_ i: Int) -> DateParse? {
        guard canStart(i) else { return nil }
        let s = single(i)
        if let r = range(i), r.end > (s?.end ?? i) { return r }
        return s
    }

    /// Resolves any parse to a period (nil for durations and impossible days).
    func period(of parse: DateParse, at i: Int) -> DatePeriod? {
        switch parse.meaning {
        case .period(let p): return p
        case .duration: return nil
        case .parts(let parts): return resolve(parts, direction(ofSentenceAt: i))
        }
    }

    /// `Tuesday of next week`, `Friday next week`, `monday of the following week`,
    /// `Tuesday or Thursday` stays two dates.
    func weekdayWithWeek(_ i: Int) -> DateParse? {
        guard let base = weekdayLed(i) else { return nil }
        guard case .parts(let p) = base.meaning, let wd = p.weekday, p.day == nil else { return base }
        var j = base.end
        if key(j) == "of" { j += 1 }
        if key(j) == "the" { j += 1 }
        if let s = DateLexicon.shifts[key(j)], key(j + 1) == "week" {
            let day = reference.weekStart.adding(days: 7 * s + wd - 1)
            return DateParse(end: j + 2, meaning: .period(.day(day)))
        }
        return base
    }

    /// `the year ended July 31`, `the fiscal year ending June 30`, `the quarter ended Sept. 30`.
    func yearEnded(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        if key(j) == "fiscal" { j += 1 }
        guard ["year", "quarter", "period", "months", "weeks", "week"].contains(key(j)), key(j + 1) == "ended" || key(j + 1) == "ending",
              let d = monthLed(j + 2), let last = period(of: d, at: i), last.grain == .day else { return nil }
        // the year or quarter that ends on the day named
        let months = key(j) == "quarter" ? 3 : key(j) == "year" ? 12 : 0
        guard months > 0 else { return DateParse(end: d.end, meaning: .duration) }
        let from = last.to.adding(days: 1).adding(months: -months)
        return DateParse(end: d.end, meaning: .period(DatePeriod(from: from, to: last.to, grain: .duration)))
    }

    /// `the week after next`, `the year after next`, `the weekend after the next`.
    func afterNext(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        let k = key(j)
        guard k == "weekend" || (DateLexicon.units[k] != nil && !k.hasSuffix("s")), key(j + 1) == "after" else { return nil }
        var e = j + 2
        if key(e) == "the" { e += 1 }
        guard key(e) == "next" else { return nil }
        if k == "weekend" {
            let sat = reference.weekStart.adding(days: 5 + 14)
            return DateParse(end: e + 1, meaning: .period(DatePeriod(from: sat, to: sat.adding(days: 1), grain: .week)))
        }
        let unit = DateLexicon.units[k]!
        return DateParse(end: e + 1, meaning: .period(.unit(unit, containing: reference.adding(2, unit))))
    }

    /// `early 2019`, `late last year`, `mid-October`, `the end of the month`,
    /// `the beginning of 2020`, `the middle of September`, `the first half of this year`.
    func modified(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" {
            guard ["end", "beginning", "start", "middle", "close", "turn", "rest", "remainder", "remaining", "first", "last", "second"].contains(key(j + 1)) else { return nil }
            j += 1
            let word = key(j)
            if ["rest", "remainder", "remaining"].contains(word) { return modified(j) }
            // the first half of this year, the first nine months of the year
            if ["first", "last", "second"].contains(word) {
                var k = j + 1
                var n = 1
                if let c = count(k) { n = c.value; k = c.end }
                if key(k) == "half" { return nil }
                guard let unit = DateLexicon.units[key(k)], key(k + 1) == "of", let a = anchorExpression(k + 2), let container = period(of: a, at: i) else { return nil }
                if word == "last" {
                    var from = container.to.adding(days: 1).adding(-n, unit)
                    if unit == .week { from = container.to.weekStart.adding(days: -7 * (n - 1)); if container.to.weekday < 7 { from = from.adding(days: -7) } }
                    let to = unit == .week ? from.adding(days: 7 * n - 1) : container.to
                    return DateParse(end: a.end, meaning: .period(DatePeriod(from: from, to: to, grain: .duration)))
                }
                var start = container.from
                if unit == .week { start = container.from.weekday <= 4 ? container.from.weekStart : container.from.weekStart.adding(days: 7) }
                let to = start.adding(n, unit).adding(days: -1)
                return DateParse(end: a.end, meaning: .period(DatePeriod(from: start, to: to, grain: .duration)))
            }
            guard key(j + 1) == "of" else { return nil }
            guard let a = anchorExpression(j + 2) ?? unitContext(j + 2) else { return nil }
            return DateParse(end: a.end, meaning: a.meaning)
        }
        if ["rest", "remainder", "remaining"].contains(key(j)) {
            // the rest of the week: from the day to the eve of the period's last day
            var k = j + 1
            if key(k) == "of" { k += 1 }
            if ["the", "this", "my", "current"].contains(key(k)) { k += 1 }
            guard let unit = DateLexicon.units[key(k)], [.week, .month, .year].contains(unit) else { return nil }
            let ref = reference
            let whole = DatePeriod.unit(unit, containing: ref)
            return DateParse(end: k + 1, meaning: .period(DatePeriod(from: ref, to: Swift.max(ref, whole.to.adding(days: -1)), grain: unit == .week ? .week : .duration)))
        }
        guard ["early", "mid", "late", "earlier", "later"].contains(key(j)) else { return nil }
        j += 1
        if isDash(j), joined(j) { j += 1 }
        guard let inner = single(j) else { return nil }
        if case .duration = inner.meaning { return nil }
        if case .parts(let p) = inner.meaning, p.weekday != nil, p.day == nil, key(i) == "earlier" || key(i) == "later" { return nil }
        return DateParse(end: inner.end, meaning: inner.meaning)
    }

    /// `the day`, `the week`, `the year`: the period holding the publication day, in the
    /// few contexts where news uses it so (`earlier in the day`, `partner of the year`).
    func unitContext(_ i: Int) -> DateParse? {
        guard key(i) == "the" || key(i) == "my", let unit = DateLexicon.units[key(i + 1)], !key(i + 1).hasSuffix("s") else { return nil }
        if key(i + 2) == "before" || key(i + 2) == "after" { return nil }
        return DateParse(end: skipPossessive(i + 2), meaning: .period(.unit(unit, containing: reference)))
    }

    /// `spring`, `the summer`, `summer 2019`, `the fall of 1999`, `this winter` (shifted
    /// seasons are in `shiftedPeriod`).
    func season(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        // the 1989 fall
        if let y = year(j), digitCount(j) == 4, j > i, let s = DateLexicon.seasons[key(y.end)] {
            return DateParse(end: y.end + 1, meaning: .period(seasonPeriod(s, year: y.year)))
        }
        guard let start = DateLexicon.seasons[key(j)] else { return nil }
        // `the Spring Festival`: a season in a name
        if tokens[j].isCapitalized, exists(j + 1), tokens[j + 1].kind == .word, tokens[j + 1].isCapitalized { return nil }
        if let y = periodYear(j + 1), key(j + 1) != "," {
            return DateParse(end: y.end, meaning: .period(seasonPeriod(start, year: y.year)))
        }
        if key(j) == "fall" || key(j) == "spring" {
            guard j > i, key(j + 1) != "of", key(i - 1) != "" || true else { return nil }
            if key(j + 1) == "of" || key(j + 1) == "in" { return nil }
        }
        if j == i, !tokens[i].isCapitalized, !(key(i - 1) == "in" || key(i - 1) == "this" || key(i - 1) == "during" || key(i - 1) == "by" || key(i - 1) == "until" || key(i - 1) == "since") { return nil }
        // the latest such season that has begun
        var p = seasonPeriod(start, year: reference.year)
        if p.from > reference { p = seasonPeriod(start, year: reference.year - 1) }
        return DateParse(end: skipPossessive(j + 1), meaning: .period(p))
    }

    /// Phrases news uses for periods with no single day: `the same period last year`,
    /// `the year-earlier period`, `recent years`, `these days`, `the years`, `years`,
    /// `annual`, `quarterly`, `the year`, `the day`.
    func newsPhrase(_ i: Int) -> DateParse? {
        let k = key(i)
        if DateLexicon.frequencyWords.contains(k), !tokens[i].isCapitalized || key(i - 1) == "" || isPunct(i - 1, ".") {
            if isDash(i + 1), joined(i + 1) { return nil }
            // `an annual output`, `increasing daily`: a rate of production or change, not a date
            if k == "annual", key(i - 1) == "an" || ["output", "throughput", "production", "capacity", "gdp", "growth", "economic", "total", "oil", "foreign"].contains(key(i + 1)) { return nil }
            if k == "daily" || k == "annually", key(i - 1).hasSuffix("ing") || key(i - 1).hasSuffix("es") || key(i - 1) == "obvious" || key(i - 1) == "have" { return nil }
            return DateParse(end: i + 1, meaning: .duration)
        }
        if k == "the", key(i + 1) == "same", key(i + 2) == "period" || key(i + 2) == "quarter" || key(i + 2) == "time" || key(i + 2) == "month" || key(i + 2) == "week" || key(i + 2) == "day" {
            let j = i + 3
            if let s = DateLexicon.shifts[key(j)], s == -1, key(j + 1) == "year" { return DateParse(end: skipPossessive(j + 2), meaning: .duration) }
            return nil
        }
        if k == "the", key(i + 1) == "year", isDash(i + 2), key(i + 3) == "earlier" || key(i + 3) == "ago" {
            var j = i + 4
            if ["period", "quarter", "month", "week", "year", "level", "levels"].contains(key(j)), key(j) == "period" || key(j) == "quarter" { j += 1 }
            return DateParse(end: j, meaning: .duration)
        }
        if k == "the", key(i + 1) == "same", ["day", "week", "month", "year"].contains(key(i + 2)) { return DateParse(end: i + 3, meaning: .duration) }
        if k == "the", ["whole", "entire", "full"].contains(key(i + 1)), ["day", "week", "month", "year"].contains(key(i + 2)) {
            var e = i + 3
            if key(e) == "of", let y = year(e + 1), digitCount(e + 1) == 4 { e = y.end }
            return DateParse(end: e, meaning: .duration)
        }
        if k == "the", ["days", "weeks", "months", "years"].contains(key(i + 1)), key(i + 2) == "ahead" { return DateParse(end: i + 3, meaning: .duration) }
        if ["the", "its", "his", "her", "their"].contains(k) || DateLexicon.ordinals[k] != nil {
            var j = k == "the" || DateLexicon.ordinals[k] == nil ? i + 1 : i
            if ["first", "second", "third", "final"].contains(key(j)) {
                j += 1
                if key(j) == "fiscal" { j += 1 }
                if key(j) == "year" || key(j) == "quarter" && DateLexicon.ordinals[key(j - 1)] == nil {
                    // `its first fiscal year`: OntoNotes marks `fiscal year` alone
                    if key(j - 1) == "fiscal" { return nil }
                    let start = k == "the" || DateLexicon.ordinals[k] != nil ? i : i + 1
                    if start == i { return DateParse(end: j + 1, meaning: .duration) }
                }
            }
        }
        if k == "fiscal", key(i + 1) == "year", ["first", "second", "third"].contains(key(i - 1)) { return DateParse(end: i + 2, meaning: .duration) }
        if ["each", "every", "all", "that"].contains(k), (DateLexicon.units[key(i + 1)] != nil && !key(i + 1).hasSuffix("s")) || DateLexicon.seasons[key(i + 1)] != nil {
            if k == "all", key(i + 1) != "year" && key(i + 1) != "day" && key(i + 1) != "week" { return nil }
            if key(i + 1) == "fall" || key(i + 1) == "spring", k == "that" { return nil }
            return DateParse(end: i + 2, meaning: .duration)
        }
        if DateLexicon.weekdayPlurals[k] != nil { return DateParse(end: i + 1, meaning: .duration) }
        if k == "the", key(i + 1) == "other", key(i + 2) == "day" { return DateParse(end: i + 3, meaning: .duration) }
        // year by year, year on year, from year to year, day-to-day, week by week
        if DateLexicon.units[k] != nil, !k.hasSuffix("s") {
            var j = i + 1
            if isDash(j), joined(j) { j += 1 }
            if ["by", "on", "to", "after"].contains(key(j)) {
                var m = j + 1
                if isDash(m), joined(m) { m += 1 }
                if key(m) == k { return DateParse(end: m + 1, meaning: .duration) }
            }
        }
        if k == "these", key(i + 1) == "days" { return DateParse(end: i + 2, meaning: .duration) }
        if k == "the", key(i + 1) == "years" || key(i + 1) == "decades", key(i + 2) != "of" {
            return DateParse(end: i + 2, meaning: .duration)
        }
        if k == "years" || k == "decades" || k == "months", ["for", "in", "over", "of", "within", "take", "took", "after", "spent", "by"].contains(key(i - 1)) || (tokens[i].isCapitalized && key(i + 1) == "before") {
            return DateParse(end: i + 1, meaning: .duration)
        }
        if k == "year" || k == "quarter", (isDash(i + 1) && key(i + 2) == "end") || key(i + 1) == "end" {
            let end = isDash(i + 1) ? i + 3 : i + 2
            return DateParse(end: end, meaning: .duration)
        }
        if k == "year", isDash(i + 1), joined(i + 1), key(i + 2) == "to", isDash(i + 3), key(i + 4) == "date" {
            return DateParse(end: i + 5, meaning: .period(DatePeriod(from: .first(ofMonth: 1, year: reference.year), to: reference.adding(days: -1), grain: .duration)))
        }
        if k == "the", key(i + 1) == "year", key(i + 2) == "to", key(i + 3) == "date" {
            return DateParse(end: i + 4, meaning: .period(DatePeriod(from: .first(ofMonth: 1, year: reference.year), to: reference.adding(days: -1), grain: .duration)))
        }
        if k == "year", key(i + 1) == "to", key(i + 2) == "date" {
            return DateParse(end: i + 3, meaning: .period(DatePeriod(from: .first(ofMonth: 1, year: reference.year), to: reference.adding(days: -1), grain: .duration)))
        }
        if k == "the" || k == "my", ["in", "for", "of", "during", "throughout", "all", "over", "earlier", "later", "back"].contains(key(i - 1)) || (k == "my" && ["day", "week", "weekend"].contains(key(i + 1))) {
            if key(i + 1) == "weekend" {
                let sat = reference.weekStart.adding(days: 5)
                let past = direction(ofSentenceAt: i) == .past && reference.weekday < 6
                let from = past ? sat.adding(days: -7) : sat
                return DateParse(end: skipPossessive(i + 2), meaning: .period(DatePeriod(from: from, to: from.adding(days: 1), grain: .week)))
            }
            return unitContext(i)
        }
        if k == "the", key(i + 1) == "weekend" {
            let sat = reference.weekStart.adding(days: 5)
            let past = direction(ofSentenceAt: i) == .past && reference.weekday < 6
            let from = past ? sat.adding(days: -7) : sat
            return DateParse(end: skipPossessive(i + 2), meaning: .period(DatePeriod(from: from, to: from.adding(days: 1), grain: .week)))
        }
        if k == "weekend", key(i - 1) != "the", key(i - 1) != "a", key(i - 1) != "this" {
            let sat = reference.weekStart.adding(days: 5)
            return DateParse(end: i + 1, meaning: .period(DatePeriod(from: sat, to: sat.adding(days: 1), grain: .week)))
        }
        return nil
    }
}
