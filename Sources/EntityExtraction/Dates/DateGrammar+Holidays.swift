/// Holidays with fixed or computed days: `Christmas`, `Easter 2018`, `Thanksgiving`,
/// `last easter`, `labor day weekend`. Resolved like a month and day without a year.
extension DateGrammar {
    /// Multi-word names as token keys, and the day they fall on in a given year.
    static let holidays: [([String], @Sendable (Int) -> CivilDate?)] = [
        (["christmas", "eve"], { CivilDate(year: $0, month: 12, day: 24) }),
        (["christmas", "day"], { CivilDate(year: $0, month: 12, day: 25) }),
        (["christmas"], { CivilDate(year: $0, month: 12, day: 25) }),
        (["xmas"], { CivilDate(year: $0, month: 12, day: 25) }),
        (["boxing", "day"], { CivilDate(year: $0, month: 12, day: 26) }),
        (["new", "year", "'", "s", "eve"], { CivilDate(year: $0, month: 12, day: 31) }),
        (["new", "year", "’", "s", "eve"], { CivilDate(year: $0, month: 12, day: 31) }),
        (["new", "year", "'", "s", "day"], { CivilDate(year: $0, month: 1, day: 1) }),
        (["new", "year", "’", "s", "day"], { CivilDate(year: $0, month: 1, day: 1) }),
        (["new", "year", "day"], { CivilDate(year: $0, month: 1, day: 1) }),
        (["new", "years", "day"], { CivilDate(year: $0, month: 1, day: 1) }),
        (["new", "year"], { CivilDate(year: $0, month: 1, day: 1) }),
        (["halloween"], { CivilDate(year: $0, month: 10, day: 31) }),
        (["valentine", "'", "s", "day"], { CivilDate(year: $0, month: 2, day: 14) }),
        (["valentine", "’", "s", "day"], { CivilDate(year: $0, month: 2, day: 14) }),
        (["independence", "day"], { CivilDate(year: $0, month: 7, day: 4) }),
        (["earth", "day"], { CivilDate(year: $0, month: 4, day: 22) }),
        (["juneteenth"], { CivilDate(year: $0, month: 6, day: 19) }),
        (["freedom", "day"], { CivilDate(year: $0, month: 6, day: 19) }),
        (["jubilee", "day"], { CivilDate(year: $0, month: 6, day: 19) }),
        (["international", "workers", "'", "day"], { CivilDate(year: $0, month: 5, day: 1) }),
        (["international", "workers", "’", "day"], { CivilDate(year: $0, month: 5, day: 1) }),
        (["may", "day"], { CivilDate(year: $0, month: 5, day: 1) }),
        (["easter", "monday"], { DateGrammar.easter($0).adding(days: 1) }),
        (["easter", "sunday"], { DateGrammar.easter($0) }),
        (["easter"], { DateGrammar.easter($0) }),
        (["good", "friday"], { DateGrammar.easter($0).adding(days: -2) }),
        (["thanksgiving", "day"], { DateGrammar.nthWeekday(4, 4, 11, $0) }),
        (["thanksgiving"], { DateGrammar.nthWeekday(4, 4, 11, $0) }),
        (["black", "friday"], { DateGrammar.nthWeekday(4, 4, 11, $0).adding(days: 1) }),
        (["labor", "day"], { DateGrammar.nthWeekday(1, 1, 9, $0) }),
        (["labour", "day"], { DateGrammar.nthWeekday(1, 1, 9, $0) }),
        (["memorial", "day"], { DateGrammar.nthWeekday(-1, 1, 5, $0) }),
    ]

    /// Easter Sunday (anonymous Gregorian algorithm).
    static func easter(_ y: Int) -> CivilDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: y, month: month, day: day)!
    }

    /// The n-th (or, for -1, last) given weekday of a month.
    static func nthWeekday(_ n: Int, _ weekday: Int, _ month: Int, _ year: Int) -> CivilDate {
        if n < 0 {
            let last = CivilDate.last(ofMonth: month, year: year)
            return last.adding(days: -((last.weekday - weekday + 7) % 7))
        }
        let first = CivilDate.first(ofMonth: month, year: year)
        return first.adding(days: (weekday - first.weekday + 7) % 7 + 7 * (n - 1))
    }

    func holiday(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        var shift: Int? = nil
        if let s = lex(j).shifts { shift = s; j += 1 }
        // no holiday name begins here: skip the table
        guard lex(j).holidayFirst else { return nil }
        for (words, day) in DateGrammar.holidays {
            var k = j
            var ok = true
            for w in words { if key(k) == w { k += 1 } else { ok = false; break } }
            guard ok else { continue }
            // `may day` only capitalised; `new year` needs a capital too; the lunar new year moves
            if words.first == "may" || words.first == "new", !tokens[j].isCapitalized, words.count < 3 { continue }
            if words.first == "new", WordList("chinese lunar jewish persian").contains(key(j - 1)) { return nil }
            let ref = reference
            var end = k
            var date: CivilDate?
            if let y = year(k), digitCount(k) == 4 { date = day(y.year); end = y.end }
            else if key(k) == "of", let s = lex(k + 2).shifts ?? (key(k + 1) == "this" ? 0 : nil), key(k + 2) == "year" || key(k + 1) == "this" {
                date = day(ref.year + s); end = k + 3
            } else {
                let candidates = [day(ref.year - 1), day(ref.year), day(ref.year + 1)].compactMap { $0 }
                switch shift {
                case .some(let s) where s < 0: date = candidates.last { $0 < ref }
                case .some(let s) where s > 0: date = candidates.first { $0 > ref }
                default:
                    // the nearer occurrence unless the sentence says which way
                    let dir = direction(ofSentenceAt: i)
                    let before = candidates.last { $0 <= ref }, after = candidates.first { $0 >= ref }
                    switch dir {
                    case .future: date = after
                    case .past: date = before
                    case .nearest:
                        if let b = before, let a = after { date = ref.dayNumber - b.dayNumber <= a.dayNumber - ref.dayNumber ? b : a } else { date = before ?? after }
                    }
                }
            }
            guard let d = date else { return nil }
            if key(end) == "weekend" {
                // the weekend around the holiday: Saturday..Sunday, or ..Monday for a Monday holiday
                let sat = d.weekday == 1 ? d.adding(days: -2) : d.weekStart.adding(days: 5)
                let to = d.weekday == 1 ? d : sat.adding(days: 1)
                return DateParse(end: end + 1, meaning: .period(DatePeriod(from: d.weekday == 4 ? d : sat, to: d.weekday == 4 ? d.adding(days: 3) : to, grain: .week)))
            }
            if key(end) == "season" { end += 1 }
            return DateParse(end: skipPossessive(end), meaning: .period(.day(d)))
        }
        return nil
    }
}
