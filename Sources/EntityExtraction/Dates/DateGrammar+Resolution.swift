/// Placing written calendar fields on the calendar. News convention: a bare weekday, day
/// or month is the nearest one on or before the publication date, unless the sentence
/// looks ahead; a present-tense sentence with no cue takes the nearest either way.
extension DateGrammar {
    /// Reads the tense of the sentence holding a token from its cue words.
    static let adjectivePosition: Set<String> = ["the", "a", "an", "of", "in", "and", "to", "be", "is", "are", "been", "being", "fully", "highly", "will"]

    /// The tokens of a sentence that say past or future.
    func tenseCues(in sentence: Range<Int>) -> [(Int, DateDirection)] {
        var cues: [(Int, DateDirection)] = []
        for i in sentence where tokens[i].kind == .word {
            let k = keys[i]
            let w = lex(i)
            if w.futureCues || k.hasSuffix("'ll") || k.hasSuffix("’ll") {
                cues.append((i, .future))
            } else if w.pastCues {
                cues.append((i, .past))
            } else if k.count > 4, k.hasSuffix("ed"), i > 0, tokens[i - 1].kind == .word, !tokens[i].newlineBefore,
                      !lex(i - 1).adjectivePosition {
                // A verb in -ed after a noun (`countries agreed`), not an adjective (`the occupied`).
                cues.append((i, .past))
            }
        }
        return cues
    }

    /// The cue nearest the date in its sentence decides (`met … and will meet`); none: nearest day.
    func direction(ofSentenceAt token: Int) -> DateDirection {
        let index = document.sentenceIndex(ofToken: token)
        let cues: [(Int, DateDirection)]
        if let known = memo.cues[index] {
            cues = known
        } else {
            cues = tenseCues(in: document.sentences[index])
            memo.cues[index] = cues
        }
        // the nearest cue; on a tie the earlier one
        var best: (distance: Int, direction: DateDirection)? = nil
        for (i, d) in cues where best == nil || abs(i - token) < best!.distance { best = (abs(i - token), d) }
        return best?.direction ?? .nearest
    }

    /// Places calendar fields; nil when they name no real day (`Feb 30`).
    func resolve(_ p: CalendarParts, _ direction: DateDirection, after lowerBound: CivilDate? = nil) -> DatePeriod? {
        let ref = reference
        if let lb = lowerBound { return resolveAfter(p, lb) }
        switch (p.year, p.month, p.day) {
        case let (y?, m?, d?):
            guard let date = CivilDate(year: y, month: m, day: d) else { return nil }
            return .day(date)
        case let (y?, m?, nil):
            return .month(m, of: y)
        case let (y?, nil, nil):
            return .year(y)
        case let (nil, m?, d?):
            var candidates: [CivilDate] = []
            for y in (ref.year - 1)...(ref.year + 1) {
                if let c = CivilDate(year: y, month: m, day: d) { candidates.append(c) }
            }
            // A weekday that agrees picks among the nearby years; one that agrees with none
            // is taken for a slip and ignored.
            if let wd = p.weekday {
                let agreeing = candidates.filter { $0.weekday == wd }
                if !agreeing.isEmpty, let chosen = pick(agreeing, .nearest) { return .day(chosen) }
            }
            return pick(candidates, direction).map { .day($0) }
        case let (nil, m?, nil):
            let past = CivilDate.first(ofMonth: m, year: m <= ref.month ? ref.year : ref.year - 1)
            let future = CivilDate.first(ofMonth: m, year: m >= ref.month ? ref.year : ref.year + 1)
            let chosen: CivilDate
            switch direction {
            case .past: chosen = past
            case .future: chosen = future
            case .nearest:
                chosen = (ref.year * 12 + ref.month) - (past.year * 12 + past.month) <= (future.year * 12 + future.month) - (ref.year * 12 + ref.month) ? past : future
            }
            return .month(chosen.month, of: chosen.year)
        case let (nil, nil, d?):
            var candidates: [CivilDate] = []
            var month = ref.firstOfMonth.adding(months: -14)
            for _ in 0..<29 {
                if let c = CivilDate(year: month.year, month: month.month, day: d), p.weekday == nil || c.weekday == p.weekday { candidates.append(c) }
                month = month.adding(months: 1)
            }
            return pick(candidates, direction).map { .day($0) }
        case (nil, nil, nil):
            guard let wd = p.weekday else { return nil }
            let back = ref.adding(days: -((ref.weekday - wd + 7) % 7))
            let ahead = ref.adding(days: (wd - ref.weekday + 7) % 7)
            switch direction {
            case .past: return .day(back)
            case .future: return .day(ahead)
            case .nearest: return .day(ref.dayNumber - back.dayNumber <= ahead.dayNumber - ref.dayNumber ? back : ahead)
            }
        default:
            // year and day without a month: not a date
            return nil
        }
    }

    /// Chooses among candidate days: the latest on or before the reference, the earliest
    /// on or after it, or the closer of the two.
    private func pick(_ candidates: [CivilDate], _ direction: DateDirection) -> CivilDate? {
        let ref = reference
        let before = candidates.last { $0 <= ref }
        let after = candidates.first { $0 >= ref }
        switch direction {
        case .past: return before ?? after
        case .future: return after ?? before
        case .nearest:
            guard let b = before else { return after }
            guard let a = after else { return b }
            return ref.dayNumber - b.dayNumber <= a.dayNumber - ref.dayNumber ? b : a
        }
    }

    /// The second end of a range: the first matching period that does not start before `lb`.
    private func resolveAfter(_ p: CalendarParts, _ lb: CivilDate) -> DatePeriod? {
        switch (p.year, p.month, p.day) {
        case (_?, _, _):
            return resolve(p, .past)
        case let (nil, m?, d):
            for y in lb.year...(lb.year + 1) {
                let period: DatePeriod?
                if let d = d {
                    period = CivilDate(year: y, month: m, day: d).map { .day($0) }
                } else {
                    period = .month(m, of: y)
                }
                if let period = period, period.to >= lb { return period }
            }
            return nil
        case let (nil, nil, d?):
            var month = lb.firstOfMonth
            for _ in 0..<3 {
                if let c = CivilDate(year: month.year, month: month.month, day: d), c >= lb { return .day(c) }
                month = month.adding(months: 1)
            }
            return nil
        case (nil, nil, nil):
            guard let wd = p.weekday else { return nil }
            return .day(lb.adding(days: (wd - lb.weekday + 7) % 7))
        }
    }
}
