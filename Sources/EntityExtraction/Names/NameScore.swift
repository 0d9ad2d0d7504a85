import Foundation

/// Exact span-and-type precision, recall and F1 per name type and micro-averaged,
/// counted as `data/score.py` counts them (duplicates within a text once).
public struct NameScore: Sendable {
    public struct Counts: Sendable {
        public var gold = 0
        public var predicted = 0
        public var correct = 0
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    public var perType: [EntityType: Counts] = [:]
    public var all = Counts()

    public init() {}

    public mutating func add(gold: [NameMatch], predicted: [NameMatch]) {
        let g = Set(gold), p = Set(predicted)
        for type in NameTagSet.types {
            var c = perType[type] ?? Counts()
            let gt = g.filter { $0.type == type }, pt = p.filter { $0.type == type }
            c.gold += gt.count
            c.predicted += pt.count
            c.correct += gt.intersection(pt).count
            perType[type] = c
            all.gold += gt.count
            all.predicted += pt.count
            all.correct += gt.intersection(pt).count
        }
    }

    /// One line per type and the micro average.
    public var report: String {
        var lines: [String] = []
        for type in NameTagSet.types {
            let c = perType[type] ?? Counts()
            lines.append(line(type.rawValue, c))
        }
        lines.append(line("micro", all))
        return lines.joined(separator: "\n")
    }

    private func line(_ name: String, _ c: Counts) -> String {
        func f(_ x: Double) -> String { String(format: "%.4f", x) }
        return name.padding(toLength: 13, withPad: " ", startingAt: 0)
            + " gold \(c.gold) pred \(c.predicted) tp \(c.correct)  P \(f(c.precision)) R \(f(c.recall)) F1 \(f(c.f1))"
    }
}
