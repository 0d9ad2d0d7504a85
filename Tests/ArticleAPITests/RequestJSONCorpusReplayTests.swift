import XCTest
import HTTPServer
@testable import ArticleAPI

/// The fuzz seeds of Tests/Fuzz/Corpus/request-json, decoded on every `swift test` as the
/// fuzz target decodes them: an article, or a client error (400, 415, 422), never a crash.
final class RequestJSONCorpusReplayTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fuzz/Corpus/request-json").standardizedFileURL

    private func status(_ body: [UInt8]) -> Int {
        let request = HTTPRequest(method: "POST", target: "/v1/articles",
                                  headers: HTTPHeaders([("Content-Type", "application/json")]), body: body)
        do { _ = try ArticleSubmission.decode(request, metadata: true); return 200 } catch let problem as APIProblem {
            return problem.status
        } catch { return 500 }
    }

    func testEverySeedDecodesToAnArticleOrAClientError() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.corpus, includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty, "no seeds in \(Self.corpus.path)")
        var statuses: [String: Int] = [:]
        for file in files {
            statuses[file.lastPathComponent] = status(Array(try Data(contentsOf: file)))
            XCTAssertTrue([200, 400, 415, 422].contains(statuses[file.lastPathComponent]!), file.lastPathComponent)
        }
        XCTAssertEqual(statuses["article.json"], 200)
        XCTAssertEqual(statuses["duplicate.json"], 400)
        XCTAssertEqual(statuses["number-date.json"], 422)
    }
}
