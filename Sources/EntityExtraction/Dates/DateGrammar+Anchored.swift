/// Dates the text places by the date it stated just before, not by the publication day:
/// `the previous year` after `2004` is 2003, `10 years earlier` after `2004` is 1994,
/// `a year earlier` after a monthly figure is that month a year before, `that year` is
/// the year last named. The anchor must lie at most two sentences back; an anaphor that
/// refers to it (`the week`) carries it on.
extension DateGrammar {
    /// How many sentences back an anchor may lie (`in 2004. … The previous year, …`).
    static let anchorReach = 2

    /// Words that move a unit from its anchor: `the previous year`, `the following month`.
    static let anchorShifts: [String: Int] = [
        "previous": -1, "prior": -1, "preceding": -1, "following": 1, "next": 1, "same": 0,
    ]

    /// `the previous year`, `the prior week`, `the following quarter`, `the next day`,
    /// `the same month`, `that year`.
    func anchoredUnit(_ i: Int) -> DateParse? {
        let ref = reference
        let shift: Int
        var j = i
        if key(i) == "that" {
            shift = 0
            j = i + 1
        } else {
            // one lexicon fact before any string work: `the` is the commonest word there is
            guard key(i) == "the", lex(i + 1).shifts != nil || key(i + 1) == "same",
                  let s = DateGrammar.anchorShifts[key(i + 1)] else { return nil }
            shift = s
            j = i + 2
        }
        guard let unit = lex(j).units, !key(j).hasASCIISuffix("s"), unit != .century, unit != .fortnight else { return nil }
        // `the week after next`, `the year-earlier period`, `the following week's`: other rules
        if key(j + 1) == "after" || key(j + 1) == "before" || (isDash(j + 1) && joined(j + 1)) { return nil }
        // `Tuesday of the following week` and `next week Wednesday` read a weekday off it elsewhere
        if unit == .week, lex(j + 1).weekdays != nil { return nil }
        // `over the next year`, `throughout the following month`: a length, as `over the
        // next five years` is (the guidelines' durations), not the unit after an anchor
        if key(i) == "the", WordList("over throughout within").contains(key(i - 1)) {
            return DateParse(end: j + 1, meaning: .duration)
        }
        let fallback: DatePeriod?
        switch key(i + 1) {
        case "previous", "prior", "preceding": fallback = .unit(unit, containing: ref.adding(-1, unit))
        case "following": fallback = .unit(unit, containing: ref.adding(1, unit))
        case "next": fallback = .unit(unit, containing: ref.adding(1, unit))
        default: fallback = nil  // `that year`, `the same month`: an anaphor with nothing before it
        }
        let parse = DateParse(end: j + 1, meaning: .anchored(AnchoredShift(count: shift, unit: unit, asUnit: true, fallback: fallback)))
        return parse
    }

    /// An anchored date on the calendar, or its fallback when nothing near anchors it.
    func resolve(_ shift: AnchoredShift, at i: Int) -> DatePeriod? {
        if shift.anaphor { return memo.anchor == nil ? shift.fallback : nil }
        guard let anchor = memo.anchor, sentenceIndex(i) - anchor.sentence <= DateGrammar.anchorReach,
              shift.anchorGrains.map({ $0.contains(anchor.period.grain) }) ?? true else { return shift.fallback }
        let a = anchor.period
        if shift.asUnit, !a.spans(shift.unit) {
            return .unit(shift.unit, containing: a.from.adding(shift.count, shift.unit))
        }
        return a.moved(shift.count, shift.unit)
    }
}

extension DatePeriod {
    /// The period moved by whole units, keeping its extent: a month stays a month, a fiscal
    /// year a fiscal year (the end moves as the day after it does, so month ends stay ends).
    func moved(_ count: Int, _ unit: TimeUnit) -> DatePeriod {
        switch unit {
        case .day, .week, .fortnight:
            return DatePeriod(from: from.adding(count, unit), to: to.adding(count, unit), grain: grain)
        default:
            return DatePeriod(from: from.adding(count, unit), to: to.adding(days: 1).adding(count, unit).adding(days: -1), grain: grain)
        }
    }

    /// True when the period is as long as one such unit (a statement week, a fiscal year).
    func spans(_ unit: TimeUnit) -> Bool {
        let days = to.dayNumber - from.dayNumber + 1
        switch unit {
        case .day: return days == 1
        case .week: return days == 7
        case .fortnight: return days == 14
        case .month: return (28...31).contains(days)
        case .quarter: return (89...92).contains(days)
        case .year: return (365...366).contains(days)
        case .decade: return (3652...3653).contains(days)
        case .century: return days >= 36524
        }
    }
}
