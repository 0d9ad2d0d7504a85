import Foundation

/// One case of a money or date test suite (`shared/data/figures/*.jsonl`).
public struct FigureSuiteCase: Sendable {
    public struct Expected: Sendable {
        public var start: Int
        public var end: Int
        /// Money: the amount and ISO currency (nil accepts any currency).
        public var amount: Decimal?
        public var currency: String?
        /// Dates: every acceptable reading, as inclusive day ranges.
        public var accept: [ClosedDayRange]
        public var grain: String?

        public init(start: Int, end: Int, amount: Decimal? = nil, currency: String? = nil, accept: [ClosedDayRange] = [], grain: String? = nil) {
            self.start = start
            self.end = end
            self.amount = amount
            self.currency = currency
            self.accept = accept
            self.grain = grain
        }
    }

    public var id: String
    public var text: String
    public var reference: CivilDate?
    public var expected: [Expected]
    public var ignore: [Range<Int>]

    public init(id: String, text: String, reference: CivilDate?, expected: [Expected], ignore: [Range<Int>]) {
        self.id = id
        self.text = text
        self.reference = reference
        self.expected = expected
        self.ignore = ignore
    }
}

/// A date value canonicalised to the inclusive days it covers, as the suite scorer compares them.
public struct ClosedDayRange: Hashable, Sendable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` → the days it covers; nil when unparseable.
    public init?(value: String) {
        let v = String(value.prefix(10))
        let parts = v.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        switch parts.count {
        case 3: self.init(from: v, to: v)
        case 2:
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            let last = CivilDate.daysIn(month: month, year: year)
            let m = month < 10 ? "0\(month)" : "\(month)"
            self.init(from: "\(first)-\(m)-01", to: "\(first)-\(m)-\(last)")
        case 1: self.init(from: "\(first)-01-01", to: "\(first)-12-31")
        default: return nil
        }
    }

    public init?(_ value: DateValue) {
        if let d = value.date {
            self.init(value: d)
        } else if let f = value.from, let t = value.to, let a = ClosedDayRange(value: f), let b = ClosedDayRange(value: t) {
            self.init(from: a.from, to: b.to)
        } else {
            return nil
        }
    }
}

/// What a recognizer found in one case.
public struct FigureFinding: Sendable {
    public var start: Int
    public var end: Int
    public var money: MoneyValue?
    public var date: DateValue?

    public init(start: Int, end: Int, money: MoneyValue? = nil, date: DateValue? = nil) {
        self.start = start
        self.end = end
        self.money = money
        self.date = date
    }
}

/// Detection recall and precision and value accuracy over a figures suite, as
/// `shared/data/score_figures.py` defines them (one-to-one overlap matching; findings
/// that only overlap an ignored span count neither way; for money an expected nil
/// currency accepts any currency in the lenient figure).
public struct FigureSuiteScore: Sendable {
    public enum Kind: String, Sendable { case money, date }

    public let kind: Kind
    public private(set) var cases = 0
    public private(set) var expected = 0
    public private(set) var detected = 0
    public private(set) var exactSpan = 0
    public private(set) var valueCorrect = 0
    public private(set) var valueCorrectLenient = 0
    public private(set) var predictedTrue = 0
    public private(set) var predictedFalse = 0
    /// Human-readable misses and wrong values, for improving the recognizers.
    public private(set) var errors: [String] = []

    public init(kind: Kind) { self.kind = kind }

    public var detectionRecall: Double { ratio(detected, expected) }
    public var detectionPrecision: Double { ratio(predictedTrue, predictedTrue + predictedFalse) }
    public var valueAccuracy: Double { ratio(kind == .money ? valueCorrectLenient : valueCorrect, expected) }
    public var valueAccuracyStrict: Double { ratio(valueCorrect, expected) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    public mutating func add(_ c: FigureSuiteCase, found: [FigureFinding]) {
        cases += 1
        func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool { a.lowerBound < b.upperBound && b.lowerBound < a.upperBound }
        let spans = found.map { $0.start..<max($0.end, $0.start + 1) }
        var used = Set<Int>()
        for e in c.expected {
            expected += 1
            let es = e.start..<e.end
            let candidates = found.indices.filter { !used.contains($0) && overlaps(es, spans[$0]) }
            guard !candidates.isEmpty else {
                errors.append("\(c.id) missed \"\(Self.slice(c.text, es))\"")
                continue
            }
            let best = candidates.min { a, b in
                let ga = valueOK(e, found[a], lenient: false), gb = valueOK(e, found[b], lenient: false)
                if ga != gb { return ga }
                return overlapLength(es, spans[a]) > overlapLength(es, spans[b])
            }!
            used.insert(best)
            detected += 1
            if spans[best] == es { exactSpan += 1 }
            if valueOK(e, found[best], lenient: false) { valueCorrect += 1 }
            if valueOK(e, found[best], lenient: true) {
                valueCorrectLenient += 1
            } else {
                errors.append("\(c.id) wrong value for \"\(Self.slice(c.text, es))\": got \(describe(found[best]))")
            }
        }
        for (i, s) in spans.enumerated() {
            if c.expected.contains(where: { overlaps(s, $0.start..<$0.end) }) {
                predictedTrue += 1
            } else if !c.ignore.contains(where: { overlaps(s, $0) }) {
                predictedFalse += 1
                errors.append("\(c.id) false positive \"\(Self.slice(c.text, s))\" \(describe(found[i]))")
            }
        }
    }

    private func overlapLength(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        max(0, min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound))
    }

    private func valueOK(_ e: FigureSuiteCase.Expected, _ f: FigureFinding, lenient: Bool) -> Bool {
        switch kind {
        case .money:
            guard let want = e.amount, let got = f.money else { return false }
            let a = NSDecimalNumber(decimal: want).doubleValue, b = NSDecimalNumber(decimal: got.amount).doubleValue
            guard abs(a - b) <= 1e-6 * max(1, abs(a)) else { return false }
            if e.currency == nil { return lenient }
            return e.currency?.uppercased() == got.currency.uppercased()
        case .date:
            guard let v = f.date, let got = ClosedDayRange(v) else { return false }
            return e.accept.contains(got)
        }
    }

    private func describe(_ f: FigureFinding) -> String {
        if let m = f.money { return "\(m.amount) \(m.currency)" }
        if let d = f.date { return d.date ?? "\(d.from ?? "?")..\(d.to ?? "?") (\(d.grain.rawValue))" }
        return "nothing"
    }

    static func slice(_ text: String, _ r: Range<Int>) -> String {
        let scalars = Array(text.unicodeScalars)
        let lo = min(max(0, r.lowerBound), scalars.count), hi = min(max(lo, r.upperBound), scalars.count)
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[lo..<hi])
        return String(v)
    }

    public func summary() -> String {
        func p(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        var lines = [
            "cases \(cases), expected items \(expected)",
            "detection recall    \(p(detectionRecall)) (\(detected)/\(expected))",
            "detection precision \(p(detectionPrecision)) (\(predictedTrue)/\(predictedTrue + predictedFalse))",
            "exact span          \(p(Double(exactSpan) / Double(max(1, expected))))",
        ]
        if kind == .money {
            lines.append("value accuracy      \(p(valueAccuracy)) (an expected null currency accepts any)")
            lines.append("value accuracy, strict currency \(p(valueAccuracyStrict))")
        } else {
            lines.append("value accuracy      \(p(valueAccuracy))")
        }
        return lines.joined(separator: "\n")
    }
}
