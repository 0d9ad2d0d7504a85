import Foundation
import XCTest
@testable import EntityExtraction

/// Speed of `PerceptronNameTagger.tag` alone, in CPU time on one thread. Runs only with
/// NAMES_BENCH=1 and means something only in a release build:
/// `NAMES_BENCH=1 swift test -c release --filter NameTaggerBenchmarkTests`.
final class NameTaggerBenchmarkTests: XCTestCase {
    func testTaggingSpeed() throws {
        guard ProcessInfo.processInfo.environment["NAMES_BENCH"] == "1" else {
            throw XCTSkip("set NAMES_BENCH=1 (and build with -c release) to measure tagging speed")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("../shared/data/ontonotes/train_nw.jsonl")
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("OntoNotes data not found at \(url.path)")
        }
        let loadStart = Date()
        let tagger = try PerceptronNameTagger.loadBundled()
        print(String(format: "name tagger: loaded the bundled model in %.3f s", Date().timeIntervalSince(loadStart)))
        let documents = try NameCorpus.load(url).map { Document(text: $0.text) }
        let words = documents.reduce(0) { $0 + $1.tokens.count }
        var names = 0
        let start = clock()
        for document in documents { names += tagger.tag(document).count }
        let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        print(String(format: "name tagger: %d tokens, %d names, %.3f CPU s, %.0f tokens per CPU second",
                     words, names, seconds, Double(words) / seconds))
        XCTAssertGreaterThan(names, 0)
    }
}
