/// Named calendar periods: quarters (`Q3 2023`, `the third quarter`), halves (`H1 2016`,
/// `the first half of 2019`), decades (`the 1990s`, `the '40s`, `the seventies`),
/// centuries, seasons, ISO weeks (`week 31`), `fiscal 1989`, `the year 2000`.
extension DateGrammar {
    /// `q3`, `Q3`, `H2`: a quarter or half written as letter and digit.
    func quarterCode(_ i: Int) -> (isHalf: Bool, n: Int, end: Int)? {
        let k = key(i)
        guard k == "q" || k == "h", joined(i + 1), let n = digits(i + 1) else { return nil }
        if k == "q", (1...4).contains(n) { return (false, n, i + 2) }
        if k == "h", (1...2).contains(n) { return (true, n, i + 2) }
        return nil
    }

    /// `third quarter`, `1st quarter`, `first half`, `third-quarter`.
    func ordinalPart(_ i: Int) -> (isHalf: Bool, n: Int, end: Int)? {
        let n: Int, e: Int
        if let w = wordOrdinal(i) { n = w.value; e = w.end }
        else if let d = dayOfMonth(i), d.ordinal { n = d.day; e = d.end }
        else { return nil }
        var j = e
        if isDash(j), joined(j) { j += 1 }
        if key(j) == "quarter", (1...4).contains(n) { return (false, n, j + 1) }
        if key(j) == "half", (1...2).contains(n) { return (true, n, j + 1) }
        return nil
    }

    /// A year that follows a period: `2023`, `of 2023`, `this year`, `of next year`, `fiscal 1989`.
    func periodYear(_ i: Int) -> (year: Int, end: Int)? {
        var j = i
        if isDash(j), joined(j) { j += 1 } else if key(j) == "of" || key(j) == "in" || isPunct(j, ",") { j += 1 }
        if key(j) == "the", key(j + 1) == "year", let y = year(j + 2) { return (y.year, y.end) }
        if key(j) == "fiscal", let y = year(j + 1) { return (y.year, y.end) }
        if let y = year(j), digitCount(j) == 4 || tokens[j].kind == .word || isPunct(j, "'") { return y }
        if let s = lex(j).shifts, key(j + 1) == "year" { return (reference.year + s, j + 2) }
        if key(j) == "the", key(j + 1) == "year" { return (reference.year, j + 2) }
        return nil
    }

    func quarterOrHalf(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        // 2017 q1, 2017-q1, 2016H2, 2016 the third quarter
        if let y = year(j), digitCount(j) == 4 {
            var k = y.end
            if isDash(k), joined(k) { k += 1 }
            if key(k) == "the" { k += 1 }
            if let q = quarterCode(k) ?? ordinalPart(k) {
                return DateParse(end: q.end, meaning: .period(q.isHalf ? .half(q.n, of: y.year) : .quarter(q.n, of: y.year)))
            }
            return nil
        }
        // the final quarter of 2004, the last half of 1999: the fourth quarter, the second half
        if key(j) == "final" || key(j) == "last", key(j + 1) == "quarter" || key(j + 1) == "half", let y = periodYear(j + 2) {
            let half = key(j + 1) == "half"
            return DateParse(end: skipPossessive(y.end), meaning: .period(half ? .half(2, of: y.year) : .quarter(4, of: y.year)))
        }
        // the December quarter, the March quarter of 2005: the three months that end with it
        if let m = month(j), key(j + 1) == "quarter", tokens[j].isCapitalized {
            let last: DatePeriod?
            var end = j + 2
            if let y = periodYear(j + 2) { last = .month(m, of: y.year); end = y.end } else { last = resolve(CalendarParts(month: m), direction(ofSentenceAt: i)) }
            guard let l = last else { return nil }
            return DateParse(end: skipPossessive(end), meaning: .period(DatePeriod(from: l.from.adding(months: -2), to: l.to, grain: .quarter)))
        }
        guard let q = quarterCode(j) ?? ordinalPart(j) else {
            // the last quarter, the next quarter: handled as shifted periods
            return nil
        }
        if let y = periodYear(q.end) {
            return DateParse(end: skipPossessive(y.end), meaning: .period(q.isHalf ? .half(q.n, of: y.year) : .quarter(q.n, of: y.year)))
        }
        if q.isHalf && quarterCode(j) != nil { return nil }
        // `the second half of a two-week period`, `the first half of the match`: part of something else
        if key(q.end) == "of" { return nil }
        // A bare quarter is the latest one that has begun.
        let ref = reference
        let current = q.isHalf ? (ref.month - 1) / 6 + 1 : ref.quarter
        let y = q.n <= current ? ref.year : ref.year - 1
        let end = skipPossessive(q.end)
        return DateParse(end: end, meaning: .period(q.isHalf ? .half(q.n, of: y) : .quarter(q.n, of: y)))
    }

    /// `the 1990s`, `1990s`, `the '40s`, `70's`, `the seventies`, `the nineteen seventies`,
    /// `the mid-1980s`, `the early 1980s`, `the 21st century`, `this century`.
    func decadeOrCentury(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        if WordList("early mid late").contains(key(j)) { j += 1; if isDash(j), joined(j) { j += 1 } }
        // 1990s, 1990 s, 1970's
        if let d = digits(j), (digitCount(j) == 4 && d >= 1000 && d <= 2090) || digitCount(j) == 2, d % 10 == 0 {
            var k = j + 1
            if isPunct(k, "'") || isPunct(k, "’") { k += 1 }
            if key(k) == "s", joined(k) || key(i) != "the" {
                let start = digitCount(j) == 4 ? d : (d >= 30 ? 1900 + d : 2000 + d)
                return DateParse(end: k + 1, meaning: .period(.decade(start)))
            }
        }
        // '40s
        if isPunct(j, "'") || isPunct(j, "’"), let d = digits(j + 1), digitCount(j + 1) == 2, d % 10 == 0, key(j + 2) == "s" {
            return DateParse(end: j + 3, meaning: .period(.decade(d >= 30 ? 1900 + d : 2000 + d)))
        }
        // the seventies, the nineteen seventies, the noughties
        var hundreds = 1900
        var k = j
        if key(k) == "nineteen" { k += 1 } else if key(k) == "twenty", key(k + 1) == "tens" || (isDash(k + 1) && key(k + 2) == "tens") {
            return DateParse(end: isDash(k + 1) ? k + 3 : k + 2, meaning: .period(.decade(2010)))
        }
        if key(k) == "two", key(k + 1) == "thousands" { return DateParse(end: k + 2, meaning: .period(.decade(2000))) }
        if key(k) == "two", key(k + 1) == "thousand", key(k + 2) == "and", key(k + 3) == "tens" { return DateParse(end: k + 4, meaning: .period(.decade(2010))) }
        if key(k) == "noughties" { return DateParse(end: k + 1, meaning: .period(.decade(2000))) }
        if let d = lex(k).decadeWords, k > i || key(i) == "the" || key(i - 1) == "in" {
            if key(j) != "nineteen" && d < 30 { hundreds = 2000 }
            return DateParse(end: k + 1, meaning: .period(.decade(hundreds + d)))
        }
        // the 21st century, this century, the nineteenth century
        if let c = dayOfMonth(j), c.ordinal, key(c.end) == "century" {
            return DateParse(end: c.end + 1, meaning: .period(.century((c.day - 1) * 100)))
        }
        if let w = wordOrdinal(j), key(w.end) == "century" {
            return DateParse(end: w.end + 1, meaning: .period(.century((w.value - 1) * 100)))
        }
        return nil
    }

    /// `fiscal 1989`, `fiscal year 1990`, `FY2020`, `the year 2000`, `year 2008`,
    /// `calendar year 2008`, `the year of 2008`.
    func namedYear(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the", key(j + 1) != "fiscal" { j += 1 }
        if key(j) == "fiscal" || key(j) == "calendar" || key(j) == "fy" {
            var k = j + 1
            if key(k) == "year" { k += 1 }
            if let y = year(k), digitCount(k) == 4 { return DateParse(end: skipPossessive(y.end), meaning: .period(.year(y.year))) }
            if let d = digits(k), digitCount(k) == 2, key(j) != "calendar" { return DateParse(end: k + 1, meaning: .period(.year(twoDigitYear(d)))) }
            return nil
        }
        if key(j) == "year" {
            let k = j + 1
            if let y = year(k), digitCount(k) == 4 || tokens[k].kind == .word {
                return DateParse(end: y.end, meaning: .period(.year(y.year)))
            }
            // `Year 247`: a year before 1000 only when written as a name
            if let d = digits(k), d >= 1, d < 1000, key(i - 1) == "out" || tokens[j].isCapitalized {
                return DateParse(end: k + 1, meaning: .period(.year(d)))
            }
            if key(k) == "two" || key(k) == "one", let h = wordCardinal(k), key(h.end) == "hundred" {
                var m = h.end + 1
                if key(m) == "and" { m += 1 }
                if let r = wordCardinal(m) { return DateParse(end: r.end, meaning: .period(.year(h.value * 100 + r.value))) }
            }
        }
        return nil
    }

    /// `week 31`, `week 3 of 2027`, `the first week of 2015`, `the last week of July`,
    /// `the third week of this month`, `the week of April 10th`, `the 15th day of next month`.
    func weekOf(_ i: Int) -> DateParse? {
        let ref = reference
        var j = i
        if key(j) == "the" { j += 1 }
        if key(j) == "week", let n = digits(j + 1), (1...53).contains(n) {
            var year = ref.year
            var end = j + 2
            if let y = periodYear(end), key(end) == "of" { year = y.year; end = y.end }
            let jan4 = CivilDate(year: year, month: 1, day: 4)!
            let start = jan4.weekStart.adding(days: 7 * (n - 1))
            return DateParse(end: end, meaning: .period(DatePeriod(from: start, to: start.adding(days: 6), grain: .week)))
        }
        if key(j) == "week" || key(j) == "month", key(j + 1) == "of" || key(j + 1) == "beginning" || key(j + 1) == "starting" || key(j + 1) == "commencing" {
            var k = j + 2
            if key(k) == "on" { k += 1 }
            guard let a = anchorExpression(k), let p = period(of: a, at: i) else { return nil }
            if key(j) == "month" { return DateParse(end: a.end, meaning: .period(.month(p.from.month, of: p.from.year))) }
            return DateParse(end: a.end, meaning: .period(.week(containing: p.from)))
        }
        // ordinal (or last) week/day/month of a month or year
        let n: Int, e: Int
        if key(j) == "last" { n = -1; e = j + 1 }
        else if let w = wordOrdinal(j) { n = w.value; e = w.end }
        else if let d = dayOfMonth(j), d.ordinal { n = d.day; e = d.end }
        else { return nil }
        guard WordList("week day month").contains(key(e)), key(e + 1) == "of" || key(e + 1) == "in" else { return nil }
        guard let a = anchorExpression(e + 2), let container = period(of: a, at: i) else { return nil }
        switch key(e) {
        case "week":
            // ISO-style: weeks belong to the month or year that holds their Thursday
            let firstThursday = container.from.adding(days: (4 - container.from.weekday + 7) % 7)
            var start = firstThursday.weekStart.adding(days: 7 * (n - 1))
            if n == -1 {
                let lastThursday = container.to.adding(days: -((container.to.weekday - 4 + 7) % 7))
                start = lastThursday.weekStart
            }
            return DateParse(end: a.end, meaning: .period(DatePeriod(from: start, to: start.adding(days: 6), grain: .week)))
        case "day":
            guard n > 0, let d = CivilDate(year: container.from.year, month: container.from.month, day: n) else { return nil }
            return DateParse(end: a.end, meaning: .period(.day(d)))
        default:
            guard n > 0, n <= 12, container.grain == .year else { return nil }
            return DateParse(end: a.end, meaning: .period(.month(n, of: container.from.year)))
        }
    }

    /// `the first Friday of July`, `the second Monday of next month`, `first Sunday`.
    func nthWeekday(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        let n: Int
        if key(j) == "last" { n = -1 } else if let w = wordOrdinal(j), w.end == j + 1 { n = w.value }
        else if let d = dayOfMonth(j), d.ordinal, d.end == j + 2 { n = d.day; j += 1 } else { return nil }
        guard let wd = lex(j + 1).weekdays else { return nil }
        var end = j + 2
        var month = reference.firstOfMonth
        if key(end) == "of" || key(end) == "in", let a = anchorExpression(end + 1), let p = period(of: a, at: i), p.grain == .month || p.from.day == 1 {
            month = p.from.firstOfMonth
            end = a.end
        } else if j == i || key(i) == "the" {
            guard n > 0, j == i else { return nil }
        }
        let first = month.adding(days: (wd - month.weekday + 7) % 7)
        var day = first.adding(days: 7 * (n - 1))
        if n == -1 {
            let last = month.lastOfMonth
            day = last.adding(days: -((last.weekday - wd + 7) % 7))
        }
        guard day.month == month.month else { return nil }
        return DateParse(end: end, meaning: .period(.day(day)))
    }
}
