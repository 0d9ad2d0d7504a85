/// Words around a date that widen, narrow or qualify it: `about two weeks`, `early 2019`,
/// `the end of the month`, `the rest of the week`, `the week after next`, `the year ended
/// July 31`, and seasons (`the summer of 2019`).
extension DateGrammar {
    static let qualifiers: Set<String> = ["about", "just", "only", "nearly", "almost", "some", "around", "another", "approximately", "roughly"]

    static let twoWordQualifiers: Set<String> = ["more than", "less than", "at least", "up to", "fewer than", "an additional"]

    /// `about two weeks`, `more than four years`, `up to 10 years`: OntoNotes keeps the
    /// qualifier inside a counted length.
    func qualified(_ i: Int) -> DateParse? {
        var j = i
        if lex(i).qualifiers { j = i + 1 }
        else if isTwoWordQualifier(i) { j = i + 2 }
        else { return nil }
        // `only last month`: a qualifier before a shifted period is kept too
        let shifted = WordList("last this next").contains(key(j)) && lex(j + 1).units != nil && WordList("only just").contains(key(i))
        guard count(j) != nil || shifted, key(j) != "a" || lex(j + 1).units != nil, let inner = single(j) else { return nil }
        if key(inner.end) == "old" || (isDash(inner.end) && key(inner.end + 1) == "old") { return nil }
        if case .parts = inner.meaning { return nil }
        if key(inner.end - 1) == "old", key(i) == "only" { return nil }
        return inner
    }

    /// `the year ended July 31`, `the fiscal year ending June 30`, `the quarter ended Sept. 30`,
    /// `the three months to December`, `the year to December`, `the week to Wednesday`,
    /// `the fourth quarter ending May 30`, `the six months ended June`: so many units that
    /// end on the day or month named. A year or quarter ending so sets the article's fiscal year.
    func yearEnded(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        if key(j) == "fiscal" { j += 1 }
        var n = 1
        var ordinalQuarter = false
        if let c = count(j), lex(c.end).units != nil { n = c.value; j = c.end }
        else if let c = count(j), isDash(c.end), joined(c.end), let u = lex(c.end + 1).units, u == .week || u == .month || u == .day {
            // the two-week statement period ended February 25, the six-month period to June
            var k = c.end + 2
            if key(k) != "period", exists(k), tokens[k].kind == .word, !tokens[k].isCapitalized { k += 1 }
            guard key(k) == "period", WordList("ended ending to").contains(key(k + 1)),
                  let d = single(k + 2), let last = period(of: d, at: i), last.grain == .day else { return nil }
            let from = u == .month ? last.to.firstOfMonth.adding(months: 1 - c.value) : last.to.adding(days: 1 - c.value * (u == .week ? 7 : 1))
            return DateParse(end: d.end, meaning: .period(DatePeriod(from: from, to: last.to, grain: .duration)))
        }
        else if let q = ordinalPart(j), !q.isHalf { ordinalQuarter = true; j = q.end - 1; _ = q }
        guard let unit = lex(j).units ?? (key(j) == "period" ? .day : nil), [.day, .week, .month, .quarter, .year].contains(unit) else { return nil }
        let word = key(j + 1)
        guard WordList("ended ending to through").contains(word) else { return nil }
        // `the year to date` is a length; `to` needs a bare unit and a date that is not a count
        if word == "to" || word == "through" {
            guard key(i) == "the", !ordinalQuarter, key(j + 2) != "date", month(j + 2) != nil || lex(j + 2).weekdays != nil else { return nil }
        }
        guard let d = single(j + 2) ?? monthWord(j + 2), let last = period(of: d, at: i), last.grain == .day || last.grain == .month else { return nil }
        let end = last.to
        let from: CivilDate
        switch unit {
        case .day:
            // `the period ended`: no length given; a statement period the article does not bound
            guard key(j) != "period" else { return DateParse(end: d.end, meaning: .duration) }
            from = end.adding(days: 1 - n)
        case .week:
            from = end.adding(days: 1 - 7 * n)
            if n == 1 { memo.weekFrameEnd = end }
        default:
            let months = (unit == .quarter ? 3 : unit == .year ? 12 : 1) * n
            from = end.firstOfMonth.adding(months: 1 - months)
            // the fiscal year ends with this month: the year's or the fourth quarter's last
            if n == 1, unit == .year || (ordinalQuarter && (key(j - 1) == "fourth" || key(j - 1) == "4th")) {
                memo.fiscalYearEnd = end.month
            }
        }
        let grain: DateGrain = unit == .quarter ? .quarter : unit == .week ? .week : unit == .year ? .year : .duration
        return DateParse(end: d.end, meaning: .period(DatePeriod(from: from, to: end, grain: grain)))
    }

    /// A bare month word as the end of a period (`the year to December`).
    private func monthWord(_ i: Int) -> DateParse? {
        guard let m = month(i), tokens[i].isCapitalized else { return nil }
        return DateParse(end: i + 1, meaning: .parts(CalendarParts(month: m)))
    }

    /// `the week after next`, `the year after next`, `the weekend after the next`.
    func afterNext(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        let k = key(j)
        guard k == "weekend" || (lex(j).units != nil && !k.hasASCIISuffix("s")), key(j + 1) == "after" else { return nil }
        var e = j + 2
        if key(e) == "the" { e += 1 }
        guard key(e) == "next" else { return nil }
        if k == "weekend" {
            let sat = reference.weekStart.adding(days: 5 + 14)
            return DateParse(end: e + 1, meaning: .period(DatePeriod(from: sat, to: sat.adding(days: 1), grain: .week)))
        }
        let unit = lex(j).units!
        return DateParse(end: e + 1, meaning: .period(.unit(unit, containing: reference.adding(2, unit))))
    }

    /// `early 2019`, `late last year`, `mid-October`, `the end of the month`,
    /// `the beginning of 2020`, `the middle of September`, `the first half of this year`.
    func modified(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" {
            guard WordList("end beginning start middle close turn rest remainder remaining first last second").contains(key(j + 1)) else { return nil }
            j += 1
            let word = key(j)
            if WordList("rest remainder remaining").contains(word) { return modified(j) }
            // the first half of this year, the first nine months of the year
            if WordList("first last second").contains(word) {
                var k = j + 1
                var n = 1
                if let c = count(k) { n = c.value; k = c.end }
                if key(k) == "half" { return nil }
                guard let unit = lex(k).units, key(k + 1) == "of", let a = anchorExpression(k + 2), let container = period(of: a, at: i) else { return nil }
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
            // `the start of the month`: the month of the story, not an anaphor
            guard let a = unitContext(j + 2) ?? anchorExpression(j + 2) else { return nil }
            // the start of 2004, the end of the year, the end of the quarter: the first or last
            // month of a period longer than a month (the guidelines give `the end of 2003` month grain)
            if WordList("end beginning start close").contains(word), let p = period(of: a, at: i),
               (32...366).contains(p.to.dayNumber - p.from.dayNumber), p.from.day == 1, p.to == p.to.lastOfMonth {
                let month = word == "beginning" || word == "start" ? p.from : p.to
                return DateParse(end: a.end, meaning: .period(.month(month.month, of: month.year)))
            }
            return DateParse(end: a.end, meaning: a.meaning)
        }
        if WordList("rest remainder remaining").contains(key(j)) {
            // the rest of the week: from the day to the eve of the period's last day
            var k = j + 1
            if key(k) == "of" { k += 1 }
            if WordList("the this my current").contains(key(k)) { k += 1 }
            guard let unit = lex(k).units, [.week, .month, .year].contains(unit) else { return nil }
            let ref = reference
            let whole = DatePeriod.unit(unit, containing: ref)
            return DateParse(end: k + 1, meaning: .period(DatePeriod(from: ref, to: Swift.max(ref, whole.to.adding(days: -1)), grain: unit == .week ? .week : .duration)))
        }
        guard WordList("early mid late earlier later").contains(key(j)) else { return nil }
        j += 1
        if isDash(j), joined(j) { j += 1 }
        guard let inner = single(j) else { return nil }
        if case .duration = inner.meaning { return nil }
        if case .parts(let p) = inner.meaning, p.weekday != nil, p.day == nil, key(i) == "earlier" || key(i) == "later" { return nil }
        return inner
    }

    /// `spring`, `the summer`, `summer 2019`, `the fall of 1999`, `this winter` (shifted
    /// seasons are in `shiftedPeriod`).
    func season(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        // the 1989 fall
        if let y = year(j), digitCount(j) == 4, j > i, let s = lex(y.end).seasons {
            return DateParse(end: y.end + 1, meaning: .period(seasonPeriod(s, year: y.year)))
        }
        guard let start = lex(j).seasons else { return nil }
        // `the Spring Festival`: a season in a name
        if tokens[j].isCapitalized, exists(j + 1), tokens[j + 1].kind == .word, tokens[j + 1].isCapitalized { return nil }
        // `fall` and `spring` are verbs and nouns too: `to fall in 2004`, `the fall in prices`,
        // `attributed the fall to`: a season only as `fall 2004`, `the fall of 1999` or after
        // a preposition of time (`in the fall`)
        let verbOrNoun = key(j) == "fall" || key(j) == "spring"
        if let y = periodYear(j + 1), key(j + 1) != ",", !(verbOrNoun && key(j + 1) == "in") {
            return DateParse(end: y.end, meaning: .period(seasonPeriod(start, year: y.year)))
        }
        if verbOrNoun {
            guard j > i, key(j + 1) != "of", key(j + 1) != "in",
                  WordList("in during by until till since over through before after this that").contains(key(i - 1)) else { return nil }
        }
        if j == i, !tokens[i].isCapitalized,
           !WordList("in this during by until since of before after through over").contains(key(i - 1)) { return nil }
        // the latest such season that has begun
        var p = seasonPeriod(start, year: reference.year)
        if p.from > reference { p = seasonPeriod(start, year: reference.year - 1) }
        return DateParse(end: skipPossessive(j + 1), meaning: .period(p))
    }
}
