import XCTest
@testable import EntityExtraction

/// The fuzz seeds of Tests/Fuzz/Corpus/extraction, extracted on every `swift test` with the
/// fuzz target's check: every mention is in bounds and is `text[start:end]` in code points.
final class ExtractionCorpusReplayTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/Corpus/extraction").standardizedFileURL

    func testEveryMentionOfEverySeedIsItsTextAtItsOffsets() throws {
        let extractor = try EntityExtractor.bundled()
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty, "no seeds in \(Self.corpus.path)")
        var mentions = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            for order in [NumericDateOrder.monthDay, .dayMonth] {
                let extraction = extractor.extract(text, options: ExtractionOptions(publishedAt: CivilDate(iso: "2024-03-14")!,
                                                                                  numericDateOrder: order))
                for m in extraction.entities.flatMap(\.mentions) {
                    mentions += 1
                    XCTAssertTrue(0 <= m.start && m.start < m.end && m.end <= scalars.count, "\(file.lastPathComponent): \(m)")
                    guard m.end <= scalars.count, m.start >= 0, m.start < m.end else { continue }
                    var piece = String.UnicodeScalarView()
                    piece.append(contentsOf: scalars[m.start..<m.end])
                    XCTAssertEqual(String(piece), m.text, file.lastPathComponent)
                }
            }
        }
        XCTAssertGreaterThan(mentions, 20 * files.count / 2, "the seeds are full of money, dates and names")
    }
}
