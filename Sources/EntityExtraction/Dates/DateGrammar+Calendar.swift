/// Written calendar dates: `March 14, 2024`, `14 March 2024`, `the 4th of July`,
/// `Oct. 19`, `June of 1992`, `2016 November`, `Friday the 13th`, and bare years.
extension DateGrammar {
    func month(_ i: Int) -> Int? { lex(i).months }

    /// True when a bare month word stands in a date context (`in May`, `last March`)
    /// rather than as a verb, noun or modal (`may`, `the march`).
    func bareMonthAllowed(_ i: Int) -> Bool {
        let k = key(i)
        guard lex(i).ambiguousMonths || tokens[i].text.characterCount <= 4 else {
            return tokens[i].isCapitalized
        }
        if k == "may", !tokens[i].isCapitalized, key(i - 1) != "in" { return false }
        // lower-case `march` is mostly the verb or noun: only after `in`, `since`, `last`…
        if k == "march", !tokens[i].isCapitalized,
           !WordList("in since during until early late mid last next this of").contains(key(i - 1)) { return false }
        if key(i - 1) == "the" || key(i + 1) == "be" { return false }
        return lex(i - 1).datePrepositions || lex(i - 1).shifts != nil
            || (isDash(i - 1) && joined(i))
    }

    /// A year after a month or day: `2024`, `, 2024`, `of 2024`, `in 2024`, `of 87`, `'97`.
    func trailingYear(_ i: Int, allowShort: Bool = false) -> (year: Int, end: Int)? {
        var j = i
        // of this year, of last year, this year
        let r = key(j) == "of" ? j + 1 : j
        if let s = lex(r).shifts, key(r + 1) == "year", key(r) != "past", key(r) != "following" || r > j,
           !tokens[r].isCapitalized {
            return (reference.year + s, r + 2)
        }
        if isPunct(j, ",") { j += 1 }
        if let y = year(j), !(digitCount(j) == 4 && exists(y.end) && tokens[y.end].kind == .symbol) {
            if isPunct(y.end, ":") { return nil }
            return y
        }
        if key(j) == "of" || (key(j) == "in" && j == i) {
            if let y = year(j + 1, allowTwoDigit: key(j) == "of") { return y }
        }
        if (isDash(j) || isPunct(j, "/")), joined(j), joined(j + 1), let y = year(j + 1, allowTwoDigit: allowShort) { return y }
        return nil
    }

    /// `March 14`, `March 14, 2024`, `Oct. 19`, `Oct/2`, `Dec31 , 1994`, `March 2024`,
    /// `June of 1992`, `September the twenty-first nineteen seventy eight`, `May twenty nine`.
    func monthLed(_ i: Int) -> DateParse? {
        guard let m = month(i) else { return nil }
        var j = i + 1
        if isPunct(j, "."), joined(j) { j += 1 }
        if let y = trailingYear(j, allowShort: false) {
            return DateParse(end: skipPossessive(y.end), meaning: .parts(CalendarParts(year: y.year, month: m)))
        }
        var d = j
        if key(d) == "the" { d += 1 } else if (isPunct(d, "/") || isDash(d)), joined(d), joined(d + 1) { d += 1 }
        else if isPunct(d, ","), let o = dayOfMonth(d + 1), o.ordinal, digits(d + 1) != nil || !tokens[d + 1].isCapitalized { d += 1 }
        if let day = dayOfMonth(d, allowCardinalWords: true), !isPunct(day.end, ":"),
           !(exists(day.end) && (tokens[day.end].kind == .symbol || key(day.end) == "percent" || key(day.end) == "%")),
           !(digits(d) != nil && isPunct(day.end, ",") && digits(day.end + 1) != nil && digitCount(day.end + 1) == 3) {
            var parts = CalendarParts(month: m, day: day.day)
            var end = day.end
            if let y = trailingYear(day.end) { parts.year = y.year; end = y.end }
            return DateParse(end: skipPossessive(end), meaning: .parts(parts))
        }
        guard bareMonthAllowed(i) else { return nil }
        // `August Strindberg`: a capitalised word after a month makes it a name
        if exists(i + 1), tokens[i + 1].kind == .word, tokens[i + 1].isCapitalized, !joined(i + 1), month(i + 1) == nil { return nil }
        return DateParse(end: skipPossessive(i + 1), meaning: .parts(CalendarParts(month: m)))
    }

    /// `14 March 2024`, `04th Jan 2019`, `the 09th of May`, `second of Aug`, `05-Aug-2016`,
    /// `twenty five January nineteen eighty six`, `15 April of 87`.
    func dayLed(_ i: Int) -> DateParse? {
        var j = i
        if key(j) == "the" { j += 1 }
        guard let day = dayOfMonth(j, allowCardinalWords: true) else { return nil }
        if exists(j - 1), tokens[j - 1].kind == .symbol { return nil }
        var k = day.end
        if key(k) == "day", key(k + 1) == "of" { k += 2 } else if key(k) == "of" { k += 1 }
        else if (isDash(k) || isPunct(k, "/") || isPunct(k, ".")), joined(k) { k += 1 }
        if key(k - 1) == "of", let s = lex(k).shifts, key(k + 1) == "month" {
            let base = reference.adding(months: s)
            guard let d = CivilDate(year: base.year, month: base.month, day: day.day) else { return nil }
            return DateParse(end: k + 2, meaning: .parts(CalendarParts(year: d.year, month: d.month, day: d.day)))
        }
        guard let m = month(k) else { return nil }
        if key(k) == "may", !tokens[k].isCapitalized, day.end == k { return nil }
        var end = k + 1
        if isPunct(end, "."), joined(end), key(end + 1) != "" , trailingYear(end + 1) != nil { end += 1 }
        var parts = CalendarParts(month: m, day: day.day)
        if let y = trailingYear(end) { parts.year = y.year; end = y.end }
        return DateParse(end: skipPossessive(end), meaning: .parts(parts))
    }

    /// `back on 15.`: a bare day number after `on` that ends the clause.
    func dayAfterOn(_ i: Int) -> DateParse? {
        guard key(i - 1) == "on", let d = digits(i), digitCount(i) <= 2, d >= 1, d <= 31,
              !exists(i + 1) || isPunct(i + 1, ".") || isPunct(i + 1, "!") || isPunct(i + 1, "?") else { return nil }
        return DateParse(end: i + 1, meaning: .parts(CalendarParts(day: d)))
    }

    /// `the 27th`, `the second`, `the 13th`: a day of a month left unsaid.
    func bareDay(_ i: Int) -> DateParse? {
        // `for the 27.`: a plain number after `the` at the end of a clause
        if key(i) == "the", let d = digits(i + 1), digitCount(i + 1) <= 2, d >= 1, d <= 31, key(i - 1) == "for" || key(i - 1) == "on",
           !exists(i + 2) || isPunct(i + 2, ".") || isPunct(i + 2, "!") || isPunct(i + 2, "?") {
            return DateParse(end: i + 2, meaning: .parts(CalendarParts(day: d)))
        }
        guard key(i) == "the", let day = dayOfMonth(i + 1, allowCardinalWords: false), day.ordinal else { return nil }
        // `the second test`, `the first time`: an ordinal word before a noun is not a day.
        if digits(i + 1) == nil, exists(day.end), !(isPunct(day.end, ".") || isPunct(day.end, ",") || isPunct(day.end, "!") || isPunct(day.end, "?")) { return nil }
        if digits(i + 1) != nil, exists(day.end), tokens[day.end].kind == .word,
           !WordList("of and to through till until or that when at in on as with after before because but").contains(key(day.end)),
           !(key(i - 1) == "on" && WordList("for the will said by from a an he she it they was were is").contains(key(day.end))) { return nil }
        return DateParse(end: day.end, meaning: .parts(CalendarParts(day: day.day)))
    }

    /// `Friday`, `Friday the 22nd`, `Monday 21`, `Wed 13th`, `Tuesday March 7`,
    /// `monday, jan twenty two, 2018`, `Friday 7/6`, `Wed, 22 of Jan`.
    func weekdayLed(_ i: Int) -> DateParse? {
        guard let wd = lex(i).weekdays else { return nil }
        let abbreviated = lex(i).abbreviatedWeekdays
        var j = i + 1
        if isPunct(j, "."), joined(j) { j += 1 }
        let afterComma = skipComma(j)
        let afterDash = (isDash(j) && joined(j)) || isPunct(j, "(") ? j + 1 : j
        for start in [afterComma, afterDash] {
            if let inner = monthLed(start) ?? dayLed(start) ?? numeric(start, afterWeekday: true),
               case .parts(var p) = inner.meaning, p.day != nil {
                p.weekday = wd
                var end = inner.end
                if isPunct(j, "("), isPunct(end, ")") { end += 1 }
                return DateParse(end: end, meaning: .parts(p))
            }
        }
        var d = j
        if key(d) == "the" { d += 1 }
        if let day = dayOfMonth(d, allowCardinalWords: d > j), !isPunct(day.end, ":"), key(day.end) != "am", key(day.end) != "pm",
           !(exists(day.end) && tokens[day.end].kind == .word && !day.ordinal && d == j) {
            return DateParse(end: day.end, meaning: .parts(CalendarParts(day: day.day, weekday: wd)))
        }
        if abbreviated && !(tokens[i].isCapitalized && (isPunct(i + 1, ",") || key(i - 1) == "on" || key(i + 1) == "or" || key(i - 1) == "or")) { return nil }
        if key(i) == "sun" || key(i) == "sat" { if !(key(i - 1) == "on") { return nil } }
        return DateParse(end: skipPossessive(i + 1), meaning: .parts(CalendarParts(weekday: wd)))
    }

    /// `2016 November`, `2017 april`, `2016, nov`: a year then its month.
    func yearLed(_ i: Int) -> DateParse? {
        guard digitCount(i) == 4, let y = year(i) else { return nil }
        var j = y.end
        let comma = isPunct(j, ",")
        if comma { j += 1 }
        guard let m = month(j), !lex(j).ambiguousMonths || !tokens[j].isCapitalized else { return nil }
        if comma && tokens[j].isCapitalized { return nil }
        if exists(j + 1), dayOfMonth(j + 1) != nil, !comma { return nil }
        return DateParse(end: j + 1, meaning: .parts(CalendarParts(year: y.year, month: m)))
    }

    /// A four-digit year standing alone, when it reads as a year rather than a count
    /// (`in 2019`, `2024 The AP`; not `2000 pieces`, `$2024`, `2024%`).
    func bareYear(_ i: Int) -> DateParse? {
        // '97: a year with its century left out (not `'90s`, a decade)
        if isPunct(i, "'") || isPunct(i, "’"), joined(i + 1), digits(i + 1) != nil, digitCount(i + 1) == 2,
           !(joined(i + 2) && key(i + 2) == "s"), let y = year(i) {
            if exists(i - 1), joined(i), tokens[i - 1].kind == .word { return nil }
            return DateParse(end: y.end, meaning: .parts(CalendarParts(year: y.year)))
        }
        if tokens[i].kind == .word {
            guard WordList("in since from until till to of and by during").contains(key(i - 1)),
                  let y = wordYear(i), y.end > i + 1 else { return nil }
            return DateParse(end: y.end, meaning: .parts(CalendarParts(year: y.year)))
        }
        guard let y = year(i), digitCount(i) == 4 else { return nil }
        if isClockTime(i) { return nil }
        if exists(i - 1), (tokens[i - 1].kind == .symbol && tokens[i - 1].text != "~") || isPunct(i - 1, "#") { return nil }
        if isPunct(i - 1, "-") && joined(i) && digits(i - 2) != nil { return nil }
        // `Series 1989-87`, `Trust 1986-A`: a code, not a year
        if isDash(i + 1), joined(i + 1), joined(i + 2), digits(i + 2) != nil || tokens[i + 2].isCapitalized { return nil }
        // `the 1987 Jeep Cherokee`, `1986 and 1987 Jeep models`, `Volvo 1986 Lease`: a model or
        // series label (the guidelines' decision 4), unless a preposition of time makes it the
        // year of what follows (`in 2004 Microsoft launched`)
        if isYearLabel(i) { return nil }
        if exists(i + 1), (tokens[i + 1].kind == .symbol && tokens[i + 1].text != "~") || key(i + 1) == "percent" || isPunct(i + 1, ":") { return nil }
        if joined(i + 1), tokens[i + 1].kind == .word, key(i + 1) != "s" { return nil }
        // `1500 tons`, `the 1500 meter event`: early numbers are years only after `in`, `since`…
        if y.year < 1700 || y.year > reference.year + 100 {
            guard WordList("in since until till by from around circa before after of").contains(key(i - 1)) else { return nil }
            if exists(i + 1), tokens[i + 1].kind == .word, !lex(i + 1).yearFollowers, !key(i + 1).hasASCIISuffix("ed") { return nil }
        }
        // `2000 pieces`: a count before a plural noun, unless a determiner makes it a year (`the 1989 models`)
        let next = key(i + 1)
        if exists(i + 1), tokens[i + 1].kind == .word, !tokens[i + 1].isCapitalized, !lex(i + 1).yearFollowers,
           next.hasASCIISuffix("s"), !lex(i - 1).datePrepositions, !lex(i - 1).determiners {
            return nil
        }
        return DateParse(end: skipPossessive(y.end), meaning: .parts(CalendarParts(year: y.year)))
    }

    /// A 24-hour clock time with its time zone (`until about 2000 or 2100 EST`, `at 1400
    /// GMT`): the guidelines leave clock times out, and `2000` is no year there.
    func isClockTime(_ i: Int) -> Bool {
        func clock(_ k: Int) -> Bool {
            guard digitCount(k) == 4, let n = digits(k) else { return false }
            return n / 100 < 24 && n % 100 < 60
        }
        guard clock(i) else { return false }
        var k = i + 1
        if ["or", "to", "and", "-", "–"].contains(key(k)), clock(k + 1) { k += 2 }
        return DateLexicon.clockZones.contains(key(k)) || (key(k) == "local" && key(k + 1) == "time")
    }

    /// A year before a capitalised name on the same line (`1987 Jeep`), or coordinated with one.
    func isYearLabel(_ i: Int) -> Bool {
        func labelAfter(_ k: Int) -> Bool {
            guard exists(k), tokens[k].kind == .word, tokens[k].isCapitalized,
                  lex(k).months == nil, lex(k).weekdays == nil, !lex(k).determiners, !lex(k).yearFollowers,
                  !WordList("The A An I").contains(tokens[k].text), tokens[k].text != tokens[k].text.uppercased() || tokens[k].text.count > 4 else { return false }
            return true
        }
        let prepositions: Set<String> = ["in", "since", "during", "until", "till", "by", "from", "before", "after", "through", "of", "to"]
        if prepositions.contains(key(i - 1)) { return false }
        // `In 1984 and 1985 Brazil's surpluses`: the preposition before the first year of a pair
        if key(i - 1) == "and" || key(i - 1) == "or", digitCount(i - 2) == 4, prepositions.contains(key(i - 3)) { return false }
        if labelAfter(i + 1) { return true }
        if key(i + 1) == "and" || key(i + 1) == "or", digitCount(i + 2) == 4, labelAfter(i + 3) { return true }
        return false
    }
}
