/// Numeric dates: `2024-03-14`, `14/03/2024`, `3/3/24`, `4/22`, `13.5.2015`, `2015/08/12`,
/// `2019/aug/01`, `20161016`, year-months (`2015-3`, `11/2016`) and year spans (`2014-2018`).
/// The whole run of joined numbers and separators is read at once, so a phone number or
/// code (`138-2010-2015`, `123-12-1234`) is rejected as a whole rather than mined for dates.
extension DateGrammar {
    struct NumericPiece {
        var value: Int
        var width: Int
        var isMonthWord: Bool
    }

    /// The pieces and separators of a joined run from token `i`, and the token index after it.
    func numericRun(_ i: Int) -> (pieces: [NumericPiece], separators: [String], end: Int)? {
        var pieces: [NumericPiece] = []
        var seps: [String] = []
        var j = i
        func addNumberToken(_ t: Int) -> Bool {
            // A number token may hold dots or commas (`13.5.2015`, `12,2015`): split them.
            var current = 0, width = 0
            for c in tokens[t].text.unicodeScalars {
                if c.value >= 48 && c.value <= 57 {
                    current = current * 10 + Int(c.value - 48); width += 1
                    if width > 8 { return false }
                } else {
                    pieces.append(NumericPiece(value: current, width: width, isMonthWord: false))
                    seps.append(String(c))
                    current = 0; width = 0
                }
            }
            pieces.append(NumericPiece(value: current, width: width, isMonthWord: false))
            return true
        }
        while true {
            if exists(j), tokens[j].kind == .number {
                guard addNumberToken(j) else { return nil }
            } else if let m = month(j), !pieces.isEmpty {
                pieces.append(NumericPiece(value: m, width: 0, isMonthWord: true))
            } else {
                break
            }
            j += 1
            // A separator joined on both sides, followed by a number or month word.
            if exists(j + 1), joined(j), joined(j + 1), isPunct(j, "/") || isPunct(j, "-") || isPunct(j, "."),
               tokens[j + 1].kind == .number || month(j + 1) != nil {
                seps.append(tokens[j].text)
                j += 1
                continue
            }
            break
        }
        guard !pieces.isEmpty, pieces.count == seps.count + 1 else { return nil }
        return (pieces, seps, j)
    }

    /// `2016 - 11`, `11 / 2016`, `2016/ 11`: a year and month with spaces around the separator.
    func spacedYearMonth(_ i: Int) -> DateParse? {
        guard let a = digits(i), let b = digits(i + 2), isDash(i + 1) || isPunct(i + 1, "/"),
              !(joined(i + 1) && joined(i + 2)) else { return nil }
        if exists(i + 3), joined(i + 3), isDash(i + 3) || isPunct(i + 3, "/") { return nil }
        if exists(i - 1), joined(i), isDash(i - 1) || isPunct(i - 1, "/") { return nil }
        if digitCount(i) == 4, digitCount(i + 2) <= 2, (1...12).contains(b), a >= 1900, a <= 2100 {
            return DateParse(end: i + 3, meaning: .parts(CalendarParts(year: a, month: b)))
        }
        if digitCount(i + 2) == 4, digitCount(i) <= 2, (1...12).contains(a), b >= 1900, b <= 2100 {
            return DateParse(end: i + 3, meaning: .parts(CalendarParts(year: b, month: a)))
        }
        return nil
    }

    /// A numeric date or numeric range starting at token `i`.
    func numeric(_ i: Int, afterWeekday: Bool = false) -> DateParse? {
        guard exists(i), tokens[i].kind == .number else { return nil }
        if let spaced = spacedYearMonth(i) { return spaced }
        // Inside a longer run that started earlier: the run as a whole was judged there.
        if exists(i - 2), joined(i), isPunct(i - 1, "/") || isPunct(i - 1, "-") || isPunct(i - 1, "."), joined(i - 1),
           tokens[i - 2].kind == .number || month(i - 2) != nil { return nil }
        if exists(i - 1), joined(i), tokens[i - 1].kind == .symbol || tokens[i - 1].kind == .number { return nil }
        if exists(i - 1), tokens[i - 1].kind == .number, !joined(i) { return nil }
        guard let run = numericRun(i) else { return nil }
        if exists(run.end), joined(run.end), tokens[run.end].kind == .symbol || key(run.end) == "%" { return nil }
        if isPunct(run.end, ":") || key(run.end) == "am" || key(run.end) == "pm" { return nil }
        let p = run.pieces, s = run.separators
        let context = afterWeekday || key(i - 1) == "on" || key(i - 1) == "this" || key(i - 1) == "next"
        if p.count == 1 {
            // 20161016
            let v = p[0].value
            guard p[0].width == 8, let d = CivilDate(year: v / 10000, month: (v / 100) % 100, day: v % 100),
                  d.year >= 1900, d.year <= 2100 else { return nil }
            return DateParse(end: run.end, meaning: .parts(CalendarParts(year: d.year, month: d.month, day: d.day)))
        }
        if s.contains("/") && s.contains("-") {
            // 10/1-11/7, 5/1-5/7/2020: a range of two slash dates.
            guard let dash = s.firstIndex(of: "-") else { return nil }
            guard var a = numericDate(Array(p[...dash]), Array(s[..<dash]), context: true),
                  var b = numericDate(Array(p[(dash + 1)...]), Array(s[(dash + 1)...]), context: true) else { return nil }
            var end = run.end
            if b.year == nil, isPunct(end, ","), let y = year(end + 1), digitCount(end + 1) == 4 {
                b.year = y.year; end = y.end
            }
            if a.year == nil, let y = b.year { a.year = y }
            return rangeParse(a, b, end: end, at: i)
        }
        if p.count == 6, s.allSatisfy({ $0 == "-" }) {
            guard let a = numericDate(Array(p[0..<3]), Array(s[0..<2]), context: true),
                  let b = numericDate(Array(p[3..<6]), Array(s[3..<5]), context: true) else { return nil }
            return rangeParse(a, b, end: run.end, at: i)
        }
        if p.count == 2, s[0] == "-" || s[0] == "/", p[0].width == 4, p[1].width == 2, !p[0].isMonthWord, !p[1].isMonthWord,
           p[0].value >= 1900, p[1].value == (p[0].value + 1) % 100 || (s[0] == "-" && p[1].value > p[0].value % 100), !isPunct(i - 1, "-") {
            // 1989-90, 1986/87: a season or fiscal year written with a short second year; the
            // article's own fiscal year when it said where that ends (`the year ending March 31`)
            let second = p[0].value - p[0].value % 100 + p[1].value
            if second == p[0].value + 1, let fe = memo.fiscalYearEnd, fe != 12 {
                return DateParse(end: run.end, meaning: .period(DatePeriod(from: .first(ofMonth: fe + 1, year: p[0].value), to: .last(ofMonth: fe, year: second), grain: .year)))
            }
            return DateParse(end: run.end, meaning: .period(DatePeriod(from: .first(ofMonth: 1, year: p[0].value), to: .last(ofMonth: 12, year: second), grain: .year)))
        }
        if p.count == 2, s[0] == "-", p[0].width == 4, p[1].width == 4, !p[0].isMonthWord, !p[1].isMonthWord {
            // 2014-2018
            guard p[0].value >= 1000, p[0].value < p[1].value, p[1].value - p[0].value < 100 else { return nil }
            return DateParse(end: run.end, meaning: .period(DatePeriod(from: .first(ofMonth: 1, year: p[0].value), to: .last(ofMonth: 12, year: p[1].value), grain: .year)))
        }
        guard var parts = numericDate(p, s, context: context) else { return nil }
        var end = run.end
        if parts.year == nil, parts.day != nil, isPunct(end, ","), let y = year(end + 1), digitCount(end + 1) == 4 {
            parts.year = y.year; end = y.end
        }
        return DateParse(end: end, meaning: .parts(parts))
    }

    private func rangeParse(_ a: CalendarParts, _ b: CalendarParts, end: Int, at i: Int) -> DateParse? {
        guard let period = resolveRange(a, b, at: i) else { return nil }
        return DateParse(end: end, meaning: .period(period))
    }

    /// Reads 2 or 3 numeric pieces as calendar fields, or nil.
    func numericDate(_ p: [NumericPiece], _ s: [String], context: Bool) -> CalendarParts? {
        if p.count == 3 {
            guard s[0] == s[1] || s[1] == "," else { return nil }
            if let mi = p.firstIndex(where: { $0.isMonthWord }) {
                let others = p.indices.filter { $0 != mi }
                guard let yi = others.first(where: { p[$0].width == 4 }) ?? (mi == 1 ? others.last : nil),
                      let di = others.first(where: { $0 != yi }) else { return nil }
                let y = p[yi].width == 4 ? p[yi].value : twoDigitYear(p[yi].value)
                return valid(CalendarParts(year: y, month: p[mi].value, day: p[di].value))
            }
            if p[0].width == 4 {
                return valid(CalendarParts(year: p[0].value, month: p[1].value, day: p[2].value))
            }
            guard p[2].width == 4 || p[2].width == 2, p[0].width <= 2, p[1].width <= 2 else { return nil }
            let y = p[2].width == 4 ? p[2].value : twoDigitYear(p[2].value)
            guard let (m, d) = monthDay(p[0].value, p[1].value) else { return nil }
            return valid(CalendarParts(year: y, month: m, day: d))
        }
        guard p.count == 2 else { return nil }
        let a = p[0], b = p[1]
        if a.isMonthWord || b.isMonthWord {
            let m = a.isMonthWord ? a : b, other = a.isMonthWord ? b : a
            if other.width == 4 { return CalendarParts(year: other.value, month: m.value) }
            guard other.width <= 2 else { return nil }
            return valid(CalendarParts(month: m.value, day: other.value))
        }
        if a.width == 4, b.width <= 2, (1...12).contains(b.value), s[0] != "." || context {
            return CalendarParts(year: a.value, month: b.value)
        }
        if b.width == 4, a.width <= 2, (1...12).contains(a.value), s[0] != "." {
            return CalendarParts(year: b.value, month: a.value)
        }
        guard a.width <= 2, b.width <= 2 else { return nil }
        if s[0] == "." || s[0] == "-" { guard context else { return nil } }
        // 1/2, 3/4, 25/32: fractions of a point, not days
        if s[0] == "/", a.value < b.value, [2, 4, 8, 16, 32, 64].contains(b.value), !context { return nil }
        guard let (m, d) = monthDay(a.value, b.value) else { return nil }
        return valid(CalendarParts(month: m, day: d))
    }

    /// Month and day from two numbers, by the configured order unless only one reading is valid.
    func monthDay(_ x: Int, _ y: Int) -> (Int, Int)? {
        let md = (1...12).contains(x) && (1...31).contains(y)
        let dm = (1...12).contains(y) && (1...31).contains(x)
        if md && dm { return numericOrder == .monthDay ? (x, y) : (y, x) }
        if md { return (x, y) }
        if dm { return (y, x) }
        return nil
    }

    func valid(_ p: CalendarParts) -> CalendarParts? {
        guard let m = p.month, (1...12).contains(m) else { return nil }
        if let d = p.day {
            guard d >= 1, d <= CivilDate.daysIn(month: m, year: p.year ?? 2024) else { return nil }
            if let y = p.year, CivilDate(year: y, month: m, day: d) == nil { return nil }
        }
        return p
    }
}
