import Foundation
import XCTest
@testable import EntityExtraction

/// Measures the money recognizer on the shared corpora (never copied into the repository):
/// the Recognizers-Text money suite, OntoNotes dev_nw MONEY spans, and the seed article.
/// Each test prints its numbers and writes predictions for `score_figures.py`.
final class MoneySuiteTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    func lines(_ relative: String) throws -> [[String: Any]] {
        let url = Self.shared.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the shared corpora are not on this machine")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    static func json(_ s: String) -> String {
        String(data: try! JSONEncoder().encode(s), encoding: .utf8)!
    }

    static func number(_ v: Any?) -> Decimal? {
        if let n = v as? NSNumber { return Decimal(string: n.stringValue) }
        return nil
    }

    /// Detection recall and value accuracy exactly as `score_figures.py` counts them
    /// (overlap, one-to-one; a null expected currency accepts any currency).
    func testRecognizersSuite() throws {
        let cases = try lines("data/figures/money_recognizers.jsonl")
        let recognizer = MoneyRecognizer()
        var out = ""
        var expectedCount = 0, detected = 0, valueOK = 0, strictOK = 0, falsePositives = 0
        for c in cases {
            let id = c["id"] as! String
            let text = c["text"] as! String
            let found = recognizer.recognize(Document(text: text))
            let items = found.map { m in
                "{\"text\":\(Self.json(Document(text: text).text(from: m.start, to: m.end))),\"start\":\(m.start),\"end\":\(m.end),"
                    + "\"amount\":\(m.value.amount),\"currency\":\"\(m.value.currency)\"}"
            }
            out += "{\"id\":\(Self.json(id)),\"found\":[\(items.joined(separator: ","))]}\n"
            let expected = c["expected"] as! [[String: Any]]
            var used = Set<Int>()
            for e in expected {
                expectedCount += 1
                let s = e["start"] as! Int, en = e["end"] as! Int
                let amount = Self.number(e["amount"])!
                let currency = e["currency"] as? String
                func good(_ m: MoneyMatch) -> Bool {
                    let a = NSDecimalNumber(decimal: amount).doubleValue, b = NSDecimalNumber(decimal: m.value.amount).doubleValue
                    return abs(a - b) <= 1e-6 * max(1, abs(a)) && (currency == nil || currency!.uppercased() == m.value.currency)
                }
                let cands = found.indices.filter { !used.contains($0) && found[$0].start < en && s < found[$0].end }
                guard !cands.isEmpty else {
                    print("MISS \(id): \(e["text"]!) in: \(text)")
                    continue
                }
                let pick = cands.first(where: { good(found[$0]) }) ?? cands[0]
                used.insert(pick)
                detected += 1
                if good(found[pick]) {
                    valueOK += 1
                    if currency != nil { strictOK += 1 }
                } else {
                    print("VALUE \(id): \(e["text"]!) expected \(amount) \(currency ?? "nil") got \(found[pick].value.amount) \(found[pick].value.currency)")
                }
            }
            let ignore = (c["ignore"] as? [[String: Any]] ?? []).map { ($0["start"] as! Int, $0["end"] as! Int) }
            for m in found where !expected.contains(where: { ($0["start"] as! Int) < m.end && m.start < ($0["end"] as! Int) })
                && !ignore.contains(where: { $0.0 < m.end && m.start < $0.1 }) {
                falsePositives += 1
                print("FP \(id): \(Document(text: text).text(from: m.start, to: m.end)) in: \(text)")
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("money_recognizers.pred.jsonl")
        try out.write(to: path, atomically: true, encoding: .utf8)
        let recall = Double(detected) / Double(expectedCount), accuracy = Double(valueOK) / Double(expectedCount)
        print("RECOGNIZERS expected=\(expectedCount) recall=\(recall) value_accuracy_lenient=\(accuracy) fp=\(falsePositives) predictions=\(path.path)")
        XCTAssertGreaterThanOrEqual(recall, 0.98)
        XCTAssertGreaterThanOrEqual(accuracy, 0.95)
    }

    /// Exact-span F1 on OntoNotes dev_nw MONEY, with OntoNotes' span convention.
    func testOntoNotesDevMoneyF1() throws {
        // MONEY_ONTONOTES=train_nw.jsonl studies the training split's conventions; the bar is on dev_nw.
        let file = ProcessInfo.processInfo.environment["MONEY_ONTONOTES"] ?? "dev_nw.jsonl"
        let docs = try lines("data/ontonotes/" + file)
        for style in [MoneySpanStyle.ontoNotes, .natural] {
            let recognizer = MoneyRecognizer(options: MoneyOptions(spanStyle: style))
            var tp = 0, fp = 0, fn = 0
            for d in docs {
                let text = d["text"] as! String
                let doc = Document(text: text)
                let gold = Set((d["entities"] as! [[String: Any]]).filter { $0["type"] as? String == "money" }
                    .map { [$0["start"] as! Int, $0["end"] as! Int] })
                let found = Set(recognizer.recognize(doc).map { [$0.start, $0.end] })
                tp += gold.intersection(found).count
                for g in gold.subtracting(found).sorted(by: { $0[0] < $1[0] }) {
                    fn += 1
                    if style == .ontoNotes { print("FN \(context(doc, g))") }
                }
                for f in found.subtracting(gold).sorted(by: { $0[0] < $1[0] }) {
                    fp += 1
                    if style == .ontoNotes { print("FP \(context(doc, f))") }
                }
            }
            let p = Double(tp) / Double(max(1, tp + fp)), r = Double(tp) / Double(max(1, tp + fn))
            let f1 = p + r > 0 ? 2 * p * r / (p + r) : 0
            print("ONTONOTES \(file) money style=\(style.rawValue) tp=\(tp) fp=\(fp) fn=\(fn) P=\(p) R=\(r) F1=\(f1)")
            if style == .ontoNotes && file == "dev_nw.jsonl" { XCTAssertGreaterThanOrEqual(f1, 0.95) }
        }
    }

    func context(_ doc: Document, _ span: [Int]) -> String {
        let a = max(0, span[0] - 40), b = min(doc.scalars.count, span[1] + 30)
        return "[\(doc.text(from: span[0], to: span[1]))] … \(doc.text(from: a, to: span[0]))⟦\(doc.text(from: span[0], to: span[1]))⟧\(doc.text(from: span[1], to: b))"
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// The seed article: all three sums exact.
    func testNatoArticle() throws {
        let url = Self.shared.appendingPathComponent("fixtures/nato-ammunition.txt")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is absent") }
        let text = try String(contentsOf: url, encoding: .utf8)
        let found = MoneyRecognizer().recognize(Document(text: text))
        XCTAssertEqual(found.map { [$0.start, $0.end] }, [[2199, 2211], [2255, 2266], [2380, 2390]])
        XCTAssertEqual(found.map(\.value.amount), [276_000_000, 55_000_000_000, 5_000_000_000])
        XCTAssertEqual(Set(found.map(\.value.currency)), ["EUR"])
    }

    /// Throughput over the dev_nw texts; meaningful in a release build
    /// (`swift test -c release --filter MoneySuiteTests`).
    func testThroughput() throws {
        let docs = try lines("data/ontonotes/dev_nw.jsonl").map { Document(text: $0["text"] as! String) }
        let bytes = docs.reduce(0) { $0 + $1.text.utf8.count }
        let recognizer = MoneyRecognizer()
        let rounds = 20
        var count = 0
        let t0 = Date()
        for _ in 0..<rounds { for d in docs { count += recognizer.recognize(d).count } }
        let seconds = Date().timeIntervalSince(t0)
        print("THROUGHPUT money over tokenized dev_nw: \(Double(bytes * rounds) / seconds / 1e6) MB/s (\(bytes) bytes x \(rounds), \(count / rounds) sums)")
        XCTAssertEqual(count % rounds, 0)
    }
}
