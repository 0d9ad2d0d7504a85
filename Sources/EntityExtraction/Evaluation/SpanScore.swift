/// A labelled span, for scoring: code point offsets and a type.
public struct ScoredSpan: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var type: String

    public init(start: Int, end: Int, type: String) {
        self.start = start
        self.end = end
        self.type = type
    }
}

/// Exact span-and-type precision, recall and F1, micro-averaged over documents,
/// defined as `shared/data/score.py` defines them: duplicates within a document count
/// once, empty spans are ignored, only the chosen types are seen on either side.
public struct SpanScore: Sendable {
    public struct Counts: Sendable, Equatable {
        public var gold = 0
        public var predicted = 0
        public var truePositives = 0

        public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    public let types: [String]
    public private(set) var perType: [String: Counts]
    public private(set) var overall = Counts()

    /// A type named twice (`--types person,person`) is scored once.
    public init(types: [String]) {
        var seen = Set<String>()
        self.types = types.filter { seen.insert($0).inserted }
        perType = Dictionary(uniqueKeysWithValues: self.types.map { ($0, Counts()) })
    }

    /// Adds one document's gold and predicted spans.
    public mutating func add(gold: [ScoredSpan], predicted: [ScoredSpan]) {
        let wanted = Set(types)
        let g = Set(gold.filter { wanted.contains($0.type) && $0.end > $0.start })
        let p = Set(predicted.filter { wanted.contains($0.type) && $0.end > $0.start })
        let tp = g.intersection(p)
        for t in types {
            perType[t]!.gold += g.lazy.filter { $0.type == t }.count
            perType[t]!.predicted += p.lazy.filter { $0.type == t }.count
            perType[t]!.truePositives += tp.lazy.filter { $0.type == t }.count
        }
        overall.gold += g.count
        overall.predicted += p.count
        overall.truePositives += tp.count
    }

    /// A table like score.py's: one row per type and a micro-averaged total.
    public func table() -> String {
        func row(_ name: String, _ c: Counts) -> String {
            func f(_ x: Double) -> String {
                let s = String(Int((x * 10000).rounded()))
                let padded = String(repeating: "0", count: max(0, 5 - s.count)) + s
                return "\(padded.dropLast(4)).\(padded.suffix(4))"
            }
            return pad(name, 14) + lpad(c.gold, 7) + lpad(c.predicted, 7) + lpad(c.truePositives, 7)
                + " | " + f(c.precision) + " " + f(c.recall) + " " + f(c.f1)
        }
        var lines = [pad("type", 14) + "   gold   pred     tp |      P      R     F1"]
        for t in types { lines.append(row(t, perType[t]!)) }
        lines.append(row("ALL (micro)", overall))
        return lines.joined(separator: "\n")
    }

    private func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    private func lpad(_ i: Int, _ n: Int) -> String { let s = String(i); return String(repeating: " ", count: max(0, n - s.count)) + s }
}
