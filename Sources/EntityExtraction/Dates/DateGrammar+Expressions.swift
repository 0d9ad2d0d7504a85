/// The grammar's entry points: every rule family tried at a token, the longest reading
/// kept, and wrappers that extend a reading (`early 2019`, `Tuesday of next week`).
extension DateGrammar {
    /// The longest single (non-range) date expression starting at token `i`.
    func single(_ i: Int) -> DateParse? {
        guard i >= 0, i < tokens.count else { return computeSingle(i) }
        let known = memo.singleIndex[i]
        if known >= 0 { return memo.readings[Int(known)] }
        let parse = computeSingle(i)
        memo.singleIndex[i] = Int32(memo.readings.count)
        memo.readings.append(parse)
        return parse
    }

    /// True when a date can start at token `i`: most tokens are ruled out by one lookup.
    func canStart(_ i: Int) -> Bool {
        guard exists(i) else { return false }
        switch tokens[i].kind {
        case .number: return true
        // Both tests pure: the cheap one (a number next) first.
        case .punctuation: return digits(i + 1) != nil && (isPunct(i, "'") || isPunct(i, "’"))
        case .symbol: return false
        case .word:
            let k = keys[i]
            guard lex(i).starters else { return false }
            // function words start a date only before a date word or a number
            if lex(i).leadWords {
                guard exists(i + 1) else { return false }
                if tokens[i + 1].kind == .number || isPunct(i + 1, "'") || isPunct(i + 1, "’") || isDash(i + 1) { return true }
                let next = keys[i + 1]
                if k == "in" { return count(i + 1) != nil }
                if isTwoWordQualifier(i) {
                    return exists(i + 2) && (tokens[i + 2].kind == .number || lex(i + 2).starters)
                }
                if lex(i + 1).starters { return true }
                // A switch, not an array literal's `contains`: this runs at most lead words.
                switch next {
                case "of", "thousand", "hundred", "working", "work", "workers", "and", "year's", "years",
                     "morning", "afternoon", "evening", "night": return true
                default: return false
                }
            }
            return true
        }
    }

    private func computeSingle(_ i: Int) -> DateParse? {
        guard canStart(i) else { return nil }
        var best: DateParse?
        var bestEnd = i  // best's end, kept apart so a comparison copies no parse
        func consider(_ p: DateParse?) {
            guard let end = p?.end, end > bestEnd else { return }
            best = p
            bestEnd = end
        }
        let t = tokens[i]
        if t.kind == .number || t.kind == .punctuation {
            consider(numeric(i))
            consider(dayLed(i))
            consider(yearLed(i))
            consider(quarterOrHalf(i))
            consider(decadeOrCentury(i))
            consider(countedOffset(i))
            consider(lengthAdjective(i))
            consider(nthWeekday(i))
            consider(weekOf(i))
            consider(countedPeriod(i)?.asLength)
            consider(apposedAge(i))
            consider(dayAfterOn(i))
            if best == nil { consider(bareYear(i)) }
            return best
        }
        guard t.kind == .word else { return nil }
        consider(monthLed(i))
        consider(dayLed(i))
        consider(bareDay(i))
        consider(anchoredUnit(i))
        consider(weekdayWithWeek(i))
        consider(relativeDay(i))
        consider(shiftedPeriod(i, direction: direction(ofSentenceAt: i)))
        consider(partOfPeriod(i))
        consider(countedPeriod(i)?.asLength)
        consider(countedOffset(i))
        consider(lengthAdjective(i))
        consider(quarterOrHalf(i))
        consider(decadeOrCentury(i))
        consider(namedYear(i))
        consider(weekOf(i))
        consider(nthWeekday(i))
        consider(holiday(i))
        consider(season(i))
        consider(modified(i))
        consider(newsPhrase(i))
        consider(afterNext(i))
        consider(qualified(i))
        consider(yearEnded(i))
        if best == nil { consider(bareYear(i)) }
        return best.map(withPartOfDay)
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
        case .anchored(let shift): return resolve(shift, at: i)
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
        if let s = lex(j).shifts, key(j + 1) == "week" {
            let day = reference.weekStart.adding(days: 7 * s + wd - 1)
            return DateParse(end: j + 2, meaning: .period(.day(day)))
        }
        return base
    }

}
