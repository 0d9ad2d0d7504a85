/// Dates relative to the publication day: `today`, `yesterday`, `the day after tomorrow`,
/// `this week`, `next month`, `last year`, `the past year`, `next Friday`, `this September`,
/// `the week after next`, `earlier this week`, `later this year`.
extension DateGrammar {
    static let dayWords: [String: Int] = ["today": 0, "otd": 0, "tonight": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1]

    /// Parts of a day: `this afternoon`, `Thursday morning`, `last night` are that day.
    static let partsOfDay: Set<String> = ["morning", "afternoon", "evening", "night", "overnight"]

    /// A day-grain reading followed by a part of the day takes it into its span
    /// (`Thursday morning`, `tomorrow evening`, `Tuesday night`).
    func withPartOfDay(_ p: DateParse) -> DateParse {
        guard DateGrammar.partsOfDay.contains(key(p.end)), key(p.end) != "overnight", p.dayPart == .none else { return p }
        switch p.meaning {
        case .parts(let c) where c.day != nil || c.weekday != nil: break
        case .period(let d) where d.from == d.to: break
        default: return p
        }
        var q = p
        q.end = p.end + 1
        q.dayPart = .suffix
        return q
    }

    func relativeDay(_ i: Int) -> DateParse? {
        let ref = reference
        if let offset = lex(i).dayWords {
            // `USA Today`, `"Yesterday, Today and Tomorrow"`: titles, not days
            if tokens[i].isCapitalized, exists(i - 1), tokens[i - 1].kind == .word, tokens[i - 1].isCapitalized, !tokens[i].newlineBefore { return nil }
            // `he told Today:`: a capitalised day word after a word is a programme's name
            if tokens[i].isCapitalized, exists(i - 1), tokens[i - 1].kind == .word, !tokens[i].newlineBefore, tokens[i].text != tokens[i].text.uppercased() { return nil }
            if key(i) == "tonight" { return DateParse(end: i + 1, meaning: .period(.day(ref)), dayPart: .whole) }
            return DateParse(end: skipPossessive(i + 1), meaning: .period(.day(ref.adding(days: offset))))
        }
        // this afternoon, this morning, this evening; last night
        if key(i) == "this", DateGrammar.partsOfDay.contains(key(i + 1)), key(i + 1) != "night" {
            return DateParse(end: i + 2, meaning: .period(.day(ref)), dayPart: .whole)
        }
        if key(i) == "last", key(i + 1) == "night" {
            return DateParse(end: i + 2, meaning: .period(.day(ref.adding(days: -1))), dayPart: .whole)
        }
        var j = i
        if key(j) == "the" { j += 1 }
        // the day before yesterday, the day after tomorrow
        if key(j) == "day", key(j + 1) == "before" || key(j + 1) == "after" {
            let sign = key(j + 1) == "before" ? -1 : 1
            if let base = lex(j + 2).dayWords {
                return DateParse(end: j + 3, meaning: .period(.day(ref.adding(days: base + sign))))
            }
            // `the day after` an event: an anaphor once the text has dated something
            if j > i { return DateParse(end: j + 2, meaning: .anchored(.anaphor(.day(ref.adding(days: sign))))) }
        }
        // the next day, the following day, the previous day
        if let shift = lex(j).shifts, shift != 0, key(j + 1) == "day" {
            return DateParse(end: j + 2, meaning: .period(.day(ref.adding(days: shift))))
        }
        return nil
    }

    /// `this week`, `next month`, `last year`, `the past year`, `last week's`, `this weekend`,
    /// `next Friday`, `last May`, `this summer`, `next week Wednesday`, `the week after next`.
    func shiftedPeriod(_ i: Int, direction: @autoclosure () -> DateDirection) -> DateParse? {
        let ref = reference
        var j = i
        if key(j) == "the" { j += 1 }
        var word = key(j)
        var shift: Int
        if word == "this" && (key(j + 1) == "past" || key(j + 1) == "coming" || key(j + 1) == "upcoming") {
            j += 1; word = key(j)
        }
        guard let s = lex(j).shifts else { return nil }
        // `to last five weeks`, `following Friday's plunge`: a verb, not a shift
        if word == "last", WordList("to will would could can may might should must").contains(key(j - 1)) { return nil }
        if word == "following", key(j - 1) != "the", lex(j + 1).units == nil { return nil }
        shift = s
        let k = j + 1
        let strict = word == "past" || word == "coming" || word == "upcoming"
        // next Friday, last Wednesday, this past Wednesday, coming Thursday
        if let wd = lex(k).weekdays, !lex(k).abbreviatedWeekdays || tokens[k].isCapitalized || key(k) == "sun" {
            let day: CivilDate
            if strict {
                day = shift < 0 ? ref.adding(days: -(((ref.weekday - wd + 6) % 7) + 1)) : ref.adding(days: ((wd - ref.weekday + 6) % 7) + 1)
            } else {
                day = ref.weekStart.adding(days: 7 * shift + wd - 1)
            }
            // `this Friday-Jun-15`, `next friday 5/12`: the written date wins
            if let written = weekdayLed(k), case .parts(var p) = written.meaning, p.day != nil, p.month != nil {
                if p.year == nil { p.year = ref.year }
                p.weekday = nil
                if let r = resolve(p, .past) { return DateParse(end: written.end, meaning: .period(r)) }
            }
            return DateParse(end: skipPossessive(k + 1), meaning: .period(.day(day)))
        }
        // next June, last May, this September
        if let m = month(k), key(k + 1) != "be", !(WordList("may march").contains(key(k)) && !tokens[k].isCapitalized) {
            let y: Int
            switch shift {
            case 0: y = ref.year
            case 1: y = m > ref.month ? ref.year : ref.year + 1
            default: y = m < ref.month ? ref.year : ref.year - 1
            }
            if let day = dayOfMonth(k + 1), key(k) != "may" || tokens[k].isCapitalized {
                if let d = CivilDate(year: y, month: m, day: day.day) { return DateParse(end: day.end, meaning: .period(.day(d))) }
            }
            return DateParse(end: skipPossessive(k + 1), meaning: .period(.month(m, of: y)))
        }
        if let season = lex(k).seasons {
            let thisYears = seasonPeriod(season, year: ref.year)
            let period: DatePeriod
            switch shift {
            case 0: period = thisYears
            case 1: period = thisYears.from > ref ? thisYears : seasonPeriod(season, year: ref.year + 1)
            default: period = thisYears.to < ref ? thisYears : seasonPeriod(season, year: ref.year - 1)
            }
            return DateParse(end: skipPossessive(k + 1), meaning: .period(period))
        }
        if key(k) == "weekend" {
            let sat = ref.weekStart.adding(days: 5 + 7 * shift)
            return DateParse(end: skipPossessive(k + 1), meaning: .period(DatePeriod(from: sat, to: sat.adding(days: 1), grain: .week)))
        }
        if key(k) == "workweek" || (key(k) == "working" || key(k) == "work") && key(k + 1) == "week" {
            let mon = ref.weekStart.adding(days: 7 * shift)
            return DateParse(end: key(k) == "workweek" ? k + 1 : k + 2, meaning: .period(DatePeriod(from: mon, to: mon.adding(days: 4), grain: .week)))
        }
        // the current fiscal year: fiscal years are read as calendar years
        let fiscal = (key(k) == "fiscal" || key(k) == "calendar") && key(k + 1) == "year"
        let u = fiscal ? k + 1 : k
        guard let unit = lex(u).units, !key(u).hasASCIISuffix("s") else { return nil }
        var end = u + 1
        var period: DatePeriod
        var measuredBack = false
        if word == "past" || (word == "last" && key(i) == "the" && unit != .week && unit != .month && unit != .quarter) {
            // the past year: the twelve months up to the day before publication, a length
            // measured back from it (as `over the past two years` is), not a calendar period
            measuredBack = unit != .day
            period = DatePeriod(from: ref.adding(-1, unit), to: ref.adding(days: -1), grain: .duration)
            if unit == .decade || unit == .quarter { period = .unit(unit, containing: ref.adding(-1, unit)) }
            if unit == .day { period = .day(ref.adding(days: -1)) }
            if unit == .fortnight { period = DatePeriod(from: ref.weekStart.adding(days: -14), to: ref.weekStart.adding(days: -1), grain: .week) }
        } else if unit == .fortnight {
            let start = ref.weekStart.adding(days: 14 * shift)
            period = DatePeriod(from: start, to: start.adding(days: 13), grain: .week)
            if shift == 0 { period = DatePeriod(from: ref.weekStart, to: ref.weekStart.adding(days: 13), grain: .week) }
        } else {
            period = .unit(unit, containing: ref.adding(shift, unit))
        }
        // the week after next
        if key(end) == "after", key(end + 1) == "next" || (key(end + 1) == "the" && key(end + 2) == "next") {
            end = key(end + 1) == "next" ? end + 2 : end + 3
            period = .unit(unit, containing: ref.adding(shift + 1, unit))
        }
        // next week Wednesday, previous week - Monday, next week on Tuesday
        if unit == .week {
            var w = end
            if isDash(w) { w += 1 } else if key(w) == "on" { w += 1 }
            if let wd = lex(w).weekdays {
                return DateParse(end: w + 1, meaning: .period(.day(period.from.adding(days: wd - 1))))
            }
        }
        let parse = DateParse(end: skipPossessive(end), meaning: .period(period))
        return measuredBack ? parse.asLength : parse
    }

    /// `earlier this week`, `later this month`, `earlier in the week`, `later in the year`,
    /// `early next year`, `late last year`: the part of a period before or after the day.
    func partOfPeriod(_ i: Int) -> DateParse? {
        let ref = reference
        let word = key(i)
        guard word == "earlier" || word == "later" else { return nil }
        var j = i + 1
        let inThe = key(j) == "in" && key(j + 1) == "the"
        if inThe { j += 2 } else if key(j) == "this" { j += 1 } else { return nil }
        guard let unit = lex(j).units, [.week, .month, .year].contains(unit) else { return nil }
        let whole = DatePeriod.unit(unit, containing: ref)
        let midpoint: CivilDate
        switch unit {
        case .week: midpoint = whole.from.adding(days: 3)
        case .month: midpoint = CivilDate(year: ref.year, month: ref.month, day: 16)!
        default: midpoint = CivilDate(year: ref.year, month: 7, day: 1)!
        }
        var period: DatePeriod
        if word == "earlier" {
            // The lead's gold reads `earlier this week` as the whole week.
            if unit == .week && !inThe {
                period = whole
            } else {
                let to = Swift.min(ref.adding(days: -1), midpoint.adding(days: -1))
                period = DatePeriod(from: whole.from, to: Swift.max(to, whole.from), grain: unit == .week ? .week : .duration)
            }
        } else {
            period = DatePeriod(from: Swift.max(ref, midpoint), to: whole.to, grain: unit == .week ? .week : .duration)
        }
        return DateParse(end: skipPossessive(j + 1), meaning: .period(period))
    }

    /// Meteorological seasons (northern hemisphere); winter starts in December.
    func seasonPeriod(_ startMonth: Int, year: Int) -> DatePeriod {
        let from = CivilDate.first(ofMonth: startMonth, year: year)
        let to = from.adding(months: 2).lastOfMonth
        return DatePeriod(from: from, to: to, grain: .duration)
    }
}
