/// Placing written calendar fields on the calendar. News convention: a bare weekday, day
/// or month is the nearest one on or before the publication date, unless the sentence
/// looks ahead; a present-tense sentence with no cue takes the nearest either way.
extension DateGrammar {
    /// Reads the tense of the sentence holding a token from its cue words.
    static let adjectivePosition: Set<String> = ["the", "a", "an", "of", "in", "and", "to", "be", "is", "are", "been", "being", "fully", "highly", "will"]

    /// Present tenses that news uses for what is scheduled (`the council meets on Tuesday`,
    /// `talks reopen on Monday`); a little weaker than a tensed cue at the same distance.
    static let scheduledPresent: Set<String> = [
        "meets", "meet", "opens", "starts", "begins", "ends", "resumes", "reopen", "reopens", "closes", "holds",
        "hosts", "visits", "faces", "returns", "launches", "votes", "arrives", "leaves", "takes",
    ]

    /// Present-tense auxiliaries: the sentence speaks of now, so a bare date is the nearest one.
    static let presentTense: Set<String> = ["is", "are", "am", "has", "have"]

    /// Verbs of saying: past tense, but of the report rather than of the dates reported.
    static let reportingVerbs: Set<String> = ["said", "told", "added", "reported", "stated", "noted", "announced"]

    /// The tokens of a sentence that say past or future.
    func tenseCues(in sentence: Range<Int>) -> [TenseCue] {
        var cues: [TenseCue] = []
        for i in sentence where tokens[i].kind == .word {
            let k = keys[i]
            let w = lex(i)
            // `an earlier pact`, `the later date`: adjectives, not the tense of the sentence
            if w.pastCues || w.futureCues {
                if k == "earlier" || k == "later", WordList("a an the its their").contains(key(i - 1)) { continue }
                // `due to a number of corrections`: because of, not a schedule
                if k == "due", key(i + 1) == "to", lex(i + 2).determiners || tokens.indices.contains(i + 2) && tokens[i + 2].kind == .number { continue }
            }
            if w.futureCues || k.hasASCIISuffix("'ll") || k.hasSuffixOfBytes("’ll") {
                cues.append(TenseCue(token: i, direction: .future))
            } else if w.presentTense {
                // `losses are estimated … in the year ending March 31`: the present is near now
                cues.append(TenseCue(token: i, direction: .nearest))
            } else if w.scheduledPresent {
                // `the council meets on Tuesday`: the present of a scheduled event looks ahead
                cues.append(TenseCue(token: i, direction: .future, weak: true))
            } else if w.pastCues, !(1...3).contains(where: { lex(i - $0).futureCues || key(i - $0).hasASCIISuffix("'ll") }) {
                // `will be set`: a past form after a future auxiliary is its participle
                cues.append(TenseCue(token: i, direction: .past))
            } else if k.characterCount > 4, k.hasASCIISuffix("ed"), i > 0, tokens[i - 1].kind == .word, !tokens[i].newlineBefore,
                      !lex(i - 1).adjectivePosition {
                // A verb in -ed after a noun (`countries agreed`), not an adjective (`the occupied`).
                cues.append(TenseCue(token: i, direction: .past))
            }
        }
        return cues
    }

    /// The cue nearest the date in its sentence decides (`met … and will meet`); none: nearest day.
    func direction(ofSentenceAt token: Int) -> DateDirection {
        let index = sentenceIndex(token)
        let cues: [TenseCue]
        if let known = memo.cues[index] {
            cues = known
        } else {
            cues = tenseCues(in: sentences[index])
            memo.cues[index] = cues
        }
        // the nearest cue, one before the date counting closer than one after (the auxiliary
        // leads its verb: `will be credited on Thursday, when an earlier pact expired`); on a tie the earlier
        var best: (distance: Int, direction: DateDirection)? = nil
        for cue in cues {
            let i = cue.token, d = cue.direction
            var distance = i < token ? token - i : 2 * (i - token)
            // a present tense decides only when no tensed word does
            if cue.weak { distance += 5 }
            // `It said interest payable March 31 will be paid`: the reporting verb dates the
            // report, not what it reports; it decides only when nothing else does. Unless the
            // date is the verb's own adjunct (`said on Monday`, `told reporters on Monday`):
            // then it dates the saying.
            if lex(i).reportingVerbs && !datesItsReportingVerb(i, date: token) { distance += 1000 }
            if best == nil || distance < best!.distance { best = (distance, d) }
        }
        return best?.direction ?? .nearest
    }

    /// True when the date is the reporting verb's own adjunct: right after it (`announced
    /// Tuesday`) or after `on` within three tokens with nothing between that opens what is
    /// reported (`said on Monday`, `told reporters on Monday`), unlike `said interest payable
    /// March 31 will be paid`, where the date belongs to what is reported.
    func datesItsReportingVerb(_ verb: Int, date: Int) -> Bool {
        guard verb < date, date - verb <= 3 else { return false }
        if date == verb + 1 { return true }
        guard key(date - 1) == "on" || key(date) == "on" else { return false }
        for j in (verb + 1)..<date {
            let w = lex(j)
            if tokens[j].kind != .word || key(j) == "that" || w.pastCues || w.futureCues || w.presentTense { return false }
        }
        return true
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
            // a week the article states (`the week to Wednesday February 25`) frames the
            // weekdays it then tells of: the latest such day up to that week's end
            if direction != .future, let frame = memo.weekFrameEnd, frame <= ref {
                return .day(frame.adding(days: -((frame.weekday - wd + 7) % 7)))
            }
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
