/// Phrases news uses for periods with no single day, which OntoNotes marks as dates:
/// `the same period last year`, `recent years`, `annual`, `year on year`, ages in
/// apposition (`Mr. Bromwich, 35,`), and `the day`/`the week` in context.
extension DateGrammar {
    /// `Mr. Bromwich, 35,`: an age in apposition, which OntoNotes marks as a date.
    func apposedAge(_ i: Int) -> DateParse? {
        guard let n = digits(i), digitCount(i) == 2, n >= 18, isPunct(i - 1, ","), exists(i - 2), tokens[i - 2].kind == .word,
              tokens[i - 2].isCapitalized, isPunct(i + 1, ",") || isPunct(i + 1, ";") else { return nil }
        if exists(i + 2), digits(i + 2) != nil { return nil }
        return DateParse(end: i + 1, meaning: .duration)
    }

    /// `the day`, `the week`, `the year`: the period holding the publication day, in the
    /// few contexts where news uses it so (`earlier in the day`, `partner of the year`).
    func unitContext(_ i: Int) -> DateParse? {
        guard key(i) == "the" || key(i) == "my", let unit = lex(i + 1).units, !key(i + 1).hasASCIISuffix("s") else { return nil }
        // `The End of the Day`: a title
        if tokens[i + 1].isCapitalized { return nil }
        if key(i + 2) == "before" || key(i + 2) == "after" { return nil }
        return DateParse(end: skipPossessive(i + 2), meaning: .period(.unit(unit, containing: reference)))
    }

    /// Phrases news uses for periods with no single day: `the same period last year`,
    /// `the year-earlier period`, `recent years`, `these days`, `the years`, `years`,
    /// `annual`, `quarterly`, `the year`, `the day`.
    func newsPhrase(_ i: Int) -> DateParse? {
        let k = key(i)
        if lex(i).frequencyWords, !tokens[i].isCapitalized || key(i - 1) == "" || isPunct(i - 1, ".") {
            if isDash(i + 1), joined(i + 1) { return nil }
            // `an annual output`, `increasing daily`: a rate of production or change, not a date
            if k == "annual", key(i - 1) == "an" || WordList("output throughput production capacity gdp growth economic total oil foreign").contains(key(i + 1)) { return nil }
            if k == "daily" || k == "annually", key(i - 1).hasASCIISuffix("ing") || key(i - 1).hasASCIISuffix("es") || key(i - 1) == "obvious" || key(i - 1) == "have" { return nil }
            return DateParse(end: i + 1, meaning: .duration)
        }
        // the same year-ago period, the same year-earlier quarter
        if k == "the", key(i + 1) == "same", key(i + 2) == "year", isDash(i + 3), key(i + 4) == "ago" || key(i + 4) == "earlier",
           WordList("period quarter month week half").contains(key(i + 5)) {
            return DateParse(end: i + 6, meaning: .anchored(yearEarlier))
        }
        if k == "the", key(i + 1) == "same", key(i + 2) == "period" || key(i + 2) == "quarter" || key(i + 2) == "time" || key(i + 2) == "month" || key(i + 2) == "week" || key(i + 2) == "day" {
            let j = i + 3
            if let s = lex(j).shifts, s == -1, key(j + 1) == "year" { return DateParse(end: skipPossessive(j + 2), meaning: .anchored(yearEarlier)) }
            return nil
        }
        if k == "the", key(i + 1) == "year", isDash(i + 2), key(i + 3) == "earlier" || key(i + 3) == "ago" {
            var j = i + 4
            if WordList("period quarter month week year level levels").contains(key(j)), key(j) == "period" || key(j) == "quarter" { j += 1 }
            return DateParse(end: j, meaning: .anchored(yearEarlier))
        }
        if k == "the", key(i + 1) == "same", WordList("day week month year").contains(key(i + 2)) { return DateParse(end: i + 3, meaning: .duration) }
        if k == "the", WordList("whole entire full").contains(key(i + 1)), WordList("day week month year").contains(key(i + 2)) {
            var e = i + 3
            if key(e) == "of", let y = year(e + 1), digitCount(e + 1) == 4 { e = y.end }
            return DateParse(end: e, meaning: .duration)
        }
        if k == "the", WordList("days weeks months years").contains(key(i + 1)), key(i + 2) == "ahead" { return DateParse(end: i + 3, meaning: .duration) }
        if WordList("the its his her their").contains(k) || lex(i).ordinals != nil {
            var j = k == "the" || lex(i).ordinals == nil ? i + 1 : i
            if WordList("first second third final").contains(key(j)) {
                j += 1
                if key(j) == "fiscal" { j += 1 }
                if key(j) == "year" || key(j) == "quarter" && lex(j - 1).ordinals == nil {
                    // `its first fiscal year`: OntoNotes marks `fiscal year` alone
                    if key(j - 1) == "fiscal" { return nil }
                    let start = k == "the" || lex(i).ordinals != nil ? i : i + 1
                    if start == i { return DateParse(end: j + 1, meaning: .duration) }
                }
            }
        }
        if k == "fiscal", key(i + 1) == "year", WordList("first second third").contains(key(i - 1)) { return DateParse(end: i + 2, meaning: .duration) }
        // the nine months, the first six months, the past half century
        if k == "the" {
            var j = i + 1
            if WordList("first last past next").contains(key(j)) { j += 1 }
            if key(j) == "half", key(j + 1) == "century" || key(j + 1) == "year" { return DateParse(end: j + 2, meaning: .duration) }
            if let c = count(j), digits(j) != nil || lex(j).cardinals != nil, let u = lex(c.end).units, key(c.end).hasASCIISuffix("s"), u != .day || j > i + 1, key(c.end + 1) != "of" {
                return DateParse(end: c.end + 1, meaning: .duration)
            }
        }
        if WordList("each every all that").contains(k), key(i + 1) != "year" || k == "all" || k == "that", (lex(i + 1).units != nil && !key(i + 1).hasASCIISuffix("s")) || lex(i + 1).seasons != nil {
            if k == "all", key(i + 1) != "year" && key(i + 1) != "day" && key(i + 1) != "week" { return nil }
            if key(i + 1) == "fall" || key(i + 1) == "spring", k == "that" { return nil }
            return DateParse(end: i + 2, meaning: .duration)
        }
        if lex(i).weekdayPlurals != nil { return DateParse(end: i + 1, meaning: .duration) }
        if k == "the", key(i + 1) == "other", key(i + 2) == "day" { return DateParse(end: i + 3, meaning: .duration) }
        // year by year, year on year, from year to year, day-to-day, week by week
        if lex(i).units != nil, !k.hasASCIISuffix("s") {
            var j = i + 1
            if isDash(j), joined(j) { j += 1 }
            if WordList("by on to after").contains(key(j)) {
                var m = j + 1
                if isDash(m), joined(m) { m += 1 }
                if key(m) == k { return DateParse(end: m + 1, meaning: .duration) }
            }
        }
        // the latest week, previous years, past decades, age 65
        if k == "the", key(i + 1) == "latest", let u = lex(i + 2).units, u != .century { return DateParse(end: i + 3, meaning: .duration) }
        if WordList("previous past prior").contains(k), WordList("years decades months weeks").contains(key(i + 1)), key(i - 1) != "the" {
            return DateParse(end: i + 2, meaning: .duration)
        }
        if k == "age", let n = digits(i + 1), n > 0, n < 120 { return DateParse(end: i + 2, meaning: .duration) }
        if k == "the", WordList("first last").contains(key(i + 1)), key(i + 2) == "day", key(i + 3) != "of" {
            return DateParse(end: i + 3, meaning: .duration)
        }
        if k == "these", key(i + 1) == "days" { return DateParse(end: i + 2, meaning: .duration) }
        if k == "the", key(i + 1) == "years" || key(i + 1) == "decades", key(i + 2) != "of" {
            return DateParse(end: i + 2, meaning: .duration)
        }
        if k == "years" || k == "decades" || k == "months", WordList("for in over of within take took after spent by").contains(key(i - 1)) || (tokens[i].isCapitalized && key(i + 1) == "before") {
            return DateParse(end: i + 1, meaning: .duration)
        }
        // year-end, year's end, the quarter end: the last month of the period of the story
        if let unit = lex(i).units, [.year, .quarter, .month].contains(unit), !k.hasASCIISuffix("s") {
            var e = i + 1
            if isDash(e), joined(e) { e += 1 } else if isPunct(e, "'") || isPunct(e, "’"), key(e + 1) == "s" { e += 2 }
            if key(e) == "end", e > i + 1 || k != "month" {
                let last = DatePeriod.unit(unit, containing: reference).to
                return DateParse(end: e + 1, meaning: .period(.month(last.month, of: last.year)))
            }
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
        // `the day`, `the week`, `the year` stand for the period of the story (OntoNotes marks
        // them), except in a title, before a possessive or hyphen, or in `the end of the day`
        let standalone = k == "the" && WordList("day week month fortnight year").contains(key(i + 1)) && !tokens[i + 1].isCapitalized
            && !(exists(i + 2) && joined(i + 2) && (isDash(i + 2) || isPunct(i + 2, "'") || isPunct(i + 2, "’")))
            && !(key(i - 1) == "of" && WordList("end close").contains(key(i - 2))) && key(i + 2) != "before" && key(i + 2) != "after"
        if standalone || (k == "the" || k == "my") && WordList("in for of during throughout all over earlier later back").contains(key(i - 1)) || (k == "my" && WordList("day week weekend").contains(key(i + 1))) {
            if key(i + 1) == "weekend" {
                let sat = reference.weekStart.adding(days: 5)
                let past = direction(ofSentenceAt: i) == .past && reference.weekday < 6
                let from = past ? sat.adding(days: -7) : sat
                return DateParse(end: skipPossessive(i + 2), meaning: .period(DatePeriod(from: from, to: from.adding(days: 1), grain: .week)))
            }
            // `the year`, `earlier in the day`: an anaphor with nothing new once the text has
            // dated something; before that, the period of the story
            guard let u = unitContext(i), case .period(let p) = u.meaning else { return nil }
            return DateParse(end: u.end, meaning: .anchored(.anaphor(p)))
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
