/// Ranges: `from Friday through to Sunday`, `March 15-17`, `between 2019 and 2021`,
/// `4 to 22 January`, `Nov 18-Dec 19, 2015`, `Jan-Feb 2017`. One side lends the other
/// its month or year; the range is kept only when it runs forwards.
extension DateGrammar {
    static let connectors: Set<String> = ["to", "through", "thru", "till", "until", "-", "–", "—", "~", "and"]

    /// A side of a range: a full date expression, a bare month or a bare day number.
    private func side(_ i: Int) -> DateParse? {
        if key(i) == "now" || key(i) == "date" { return DateParse(end: i + 1, meaning: .period(.day(reference))) }
        if key(i) == "current", key(i + 1) == "date" { return DateParse(end: i + 2, meaning: .period(.day(reference))) }
        if let s = single(i) { return s }
        if let m = month(i), !(lex(i).ambiguousMonths && !tokens[i].isCapitalized) || isDash(i - 1) || isDash(i + 1) {
            return DateParse(end: i + 1, meaning: .parts(CalendarParts(month: m)))
        }
        var j = i
        if key(j) == "the" { j += 1 }
        if let d = dayOfMonth(j, allowCardinalWords: true) {
            // `August 5th to 9th, 1995`: a year after the second day
            if let y = trailingYear(d.end), isPunct(d.end, ",") { return DateParse(end: y.end, meaning: .parts(CalendarParts(year: y.year, day: d.day))) }
            return DateParse(end: d.end, meaning: .parts(CalendarParts(day: d.day)))
        }
        return nil
    }

    /// The connector after the first side, and where the second side starts.
    private func connector(_ i: Int, between: Bool) -> Int? {
        let k = key(i)
        if between { return k == "and" || k == "-" || k == "–" || k == "~" || k == "through" || k == "to" ? i + 1 : nil }
        if exists(i), tokens[i].text == "~" { return i + 1 }
        guard DateGrammar.connectors.contains(k), k != "and" else { return nil }
        if k == "through" && key(i + 1) == "to" { return i + 2 }
        return i + 1
    }

    /// `this month`, `of next month`, `January, 1995`, `of Sept`: the month a bare day
    /// range belongs to, after its second day.
    private func monthContext(_ i: Int) -> (parts: CalendarParts, end: Int)? {
        var j = i
        if key(j) == "of" || key(j) == "in" { j += 1 }
        if let m = month(j) {
            var p = CalendarParts(month: m)
            var end = j + 1
            if isPunct(end, "."), joined(end) { end += 1 }
            if let y = trailingYear(end) { p.year = y.year; end = y.end }
            return (p, end)
        }
        if let s = lex(j).shifts, key(j + 1) == "month" {
            let d = reference.adding(months: s)
            return (CalendarParts(year: d.year, month: d.month), j + 2)
        }
        return nil
    }

    func range(_ i: Int) -> DateParse? {
        var j = i
        let between = key(j) == "between"
        let from = key(j) == "from"
        if between || from { j += 1 }
        guard var a = side(j) else { return nil }
        guard let c = connector(a.end, between: between), var b = side(c) else { return nil }
        // a bare month before a dash or `to` needs a month after it: `Jan-Feb 2017`
        if case .parts(var pa) = a.meaning, case .parts(var pb) = b.meaning {
            if pa.month == nil, pa.year == nil, pa.weekday == nil, pb.day == nil, pb.weekday == nil, pb.year == nil {
                // 4 to 22 this month, 3 until 12 of Sept
                if let ctx = monthContext(b.end) {
                    pa.month = ctx.parts.month; pa.year = ctx.parts.year
                    pb.month = ctx.parts.month; pb.year = ctx.parts.year
                    b.end = ctx.end
                }
            }
            if pa.day != nil, pb.day != nil, pb.month == nil, pa.month == nil, let ctx = monthContext(b.end) {
                pa.month = ctx.parts.month; pa.year = ctx.parts.year
                pb.month = ctx.parts.month; pb.year = ctx.parts.year
                b.end = ctx.end
            }
            a.meaning = .parts(pa)
            b.meaning = .parts(pb)
            // neither side alone may be a bare number: `2 to 4 people`
            let aBare = pa.month == nil && pa.weekday == nil && pa.year == nil
            let bBare = pb.month == nil && pb.weekday == nil && pb.year == nil
            if (aBare && pb.month == nil) || (bBare && pa.month == nil) || (aBare && bBare) { return nil }
            guard let period = resolveRange(pa, pb, at: i) else { return nil }
            var parse = DateParse(end: b.end, meaning: .period(period))
            // `between June 1 1987 and May 31 1994`: each end is a date of its own too
            if !isDash(a.end), !aBare, !bBare, pa.month != nil || pa.year != nil, pb.month != nil || pb.year != nil {
                parse.sides = (j..<a.end, c..<b.end)
            }
            return parse
        }
        guard let pa = period(of: a, at: i) else { return nil }
        let pbResolved: DatePeriod?
        if case .parts(let pb) = b.meaning {
            pbResolved = resolve(pb, .past, after: pa.from)
        } else if case .anchored(let shift) = b.meaning {
            // `from today to two days later`: the second end counts from the first
            let saved = memo.anchor
            memo.anchor = (pa, sentenceIndex(i))
            pbResolved = resolve(shift, at: i)
            memo.anchor = saved
        } else {
            pbResolved = period(of: b, at: i)
        }
        guard let pb = pbResolved, pb.to >= pa.from else { return nil }
        var parse = DateParse(end: b.end, meaning: .period(DatePeriod(from: pa.from, to: pb.to, grain: pa.grain == pb.grain ? pa.grain : .day)))
        if !isDash(a.end), pa.grain == pb.grain, pa.from == pa.to, pb.from == pb.to { parse.sides = (j..<a.end, c..<b.end) }
        return parse
    }

    /// Resolves two sides written as calendar fields, lending fields across.
    func resolveRange(_ a0: CalendarParts, _ b0: CalendarParts, at i: Int) -> DatePeriod? {
        var a = a0, b = b0
        if b.month == nil, b.day != nil, a.month != nil {
            b.month = a.month
            if b.year == nil { b.year = a.year } else if a.year == nil { a.year = b.year }
        }
        if a.month == nil, a.day != nil, b.month != nil { a.month = b.month; if let bd = b.day, let ad = a.day, ad > bd { a.month = b.month! == 1 ? 12 : b.month! - 1 } }
        if a.year == nil, let by = b.year, a.month != nil || a.day != nil {
            a.year = by
            if let am = a.month, let bm = b.month, am > bm || (am == bm && (a.day ?? 0) > (b.day ?? 32)) { a.year = by - 1 }
        }
        if b.month == a.month, b.year == nil, let ay = a.year, b.month != nil { b.year = ay }
        if a.month == nil && a.day == nil && a.weekday == nil && a.year == nil { return nil }
        if a.year == nil, b.year == nil, a.month != nil {
            // The range that runs through the reference, or else the latest before it (or,
            // looking ahead, the earliest after it).
            let dir = direction(ofSentenceAt: i)
            var chosen: DatePeriod?
            for y in [reference.year - 1, reference.year, reference.year + 1] {
                var ay = a; ay.year = y
                guard let pa = resolve(ay, .past), let pb = resolve(b, .past, after: pa.from) else { continue }
                let whole = DatePeriod(from: pa.from, to: pb.to, grain: pa.grain == pb.grain ? pa.grain : .day)
                if whole.from <= reference && whole.to >= reference { return whole }
                if dir == .future { if whole.from > reference, chosen == nil { chosen = whole } }
                else if whole.to < reference { chosen = whole } else if chosen == nil, dir == .nearest, whole.from > reference { chosen = whole }
            }
            return chosen
        }
        guard let pa = resolve(a, direction(ofSentenceAt: i)) else { return nil }
        guard let pb = b.year != nil ? resolve(b, .past) : resolve(b, .past, after: pa.from), pb.to >= pa.from else { return nil }
        let grain: DateGrain = pa.grain == pb.grain ? pa.grain : .day
        return DatePeriod(from: pa.from, to: pb.to, grain: grain)
    }
}
