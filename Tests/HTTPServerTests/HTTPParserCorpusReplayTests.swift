import XCTest
@testable import HTTPServer

/// The fuzz seeds of Tests/Fuzz/Corpus/http-parser, replayed without sanitizers on every
/// `swift test`, with the fuzz target's own check: how the bytes are split never matters.
/// An input the fuzzer finds a problem with is added to that folder and checked here too.
final class HTTPParserCorpusReplayTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fuzz/Corpus/http-parser").standardizedFileURL

    func testEverySeedParsesTheSameWholeAndByteByByte() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty, "no seeds in \(Self.corpus.path)")
        var requests = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            for limits in [smallLimits, HTTPParserLimits(maxBodyBytes: 1_048_576, maxHeaderBytes: 16_384, maxURIBytes: 8_192)] {
                let whole = parse(bytes, limits: limits)
                XCTAssertEqual(whole, parse(bytes, cuts: Array(0..<bytes.count), limits: limits), file.lastPathComponent)
                requests += whole.filter { if case .request = $0 { return true } else { return false } }.count
            }
        }
        XCTAssertGreaterThan(requests, files.count, "the seeds should mostly be requests that parse")
    }
}
