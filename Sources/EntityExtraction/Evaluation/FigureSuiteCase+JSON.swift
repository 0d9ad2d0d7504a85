import Foundation

extension FigureSuiteCase {
    /// One line of a figures suite as `shared/data/score_figures.py` reads it:
    /// `{"id","text","reference"?,"expected":[{"start","end","amount"?,"currency"?,"accept"?|"value"?,"grain"?}],"ignore"?}`.
    /// Nil when the line lacks its id or text.
    public init?(json o: [String: Any]) {
        guard let id = o["id"] as? String, let text = o["text"] as? String else { return nil }
        let reference = (o["reference"] as? String).flatMap { CivilDate(iso: String($0.prefix(10))) }
        var expected: [Expected] = []
        for e in o["expected"] as? [[String: Any]] ?? [] {
            guard let s = e["start"] as? Int, let t = e["end"] as? Int else { continue }
            var x = Expected(start: s, end: t)
            if let a = e["amount"] as? NSNumber { x.amount = Decimal(string: a.stringValue) ?? a.decimalValue }
            x.currency = e["currency"] as? String
            x.grain = e["grain"] as? String
            let accept = (e["accept"] as? [Any]) ?? (e["value"].map { [$0] } ?? [])
            x.accept = accept.compactMap { v in
                if let s = v as? String { return ClosedDayRange(value: s) }
                if let d = v as? [String: Any], let f = d["from"] as? String, let t = d["to"] as? String,
                   let a = ClosedDayRange(value: f), let b = ClosedDayRange(value: t) { return ClosedDayRange(from: a.from, to: b.to) }
                return nil
            }
            expected.append(x)
        }
        let ignore: [Range<Int>] = (o["ignore"] as? [[String: Any]] ?? []).compactMap {
            guard let s = $0["start"] as? Int, let t = $0["end"] as? Int, t > s else { return nil }
            return s..<t
        }
        self.init(id: id, text: text, reference: reference, expected: expected, ignore: ignore)
    }
}
