import Foundation
import XCTest
import ArticleStore

/// `article-entities import` as a user runs it: the built binary, a file, its exit status
/// and what it writes on standard error.
final class ImportCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The binary `swift build` put beside this test bundle.
    private func binary() throws -> URL {
        for dir in [Bundle.main.bundleURL, ServiceFixture.packageRoot.appendingPathComponent(".build/debug")] {
            let url = dir.appendingPathComponent("article-entities")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("article-entities is not built next to the tests")
    }

    private func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = folder  // no Config/default.json here
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    private func articleLine(_ text: String, title: String) -> String {
        "{\"text\": \"\(text)\", \"title\": \"\(title)\", \"published_at\": \"2024-03-14\"}"
    }

    func testABadLineInTheMiddleIsReportedAndTheRestStoredAndARerunStoresNothingNew() throws {
        let lines = [
            articleLine("NATO pledged €5 billion to Ukraine on Tuesday.", title: "One"),
            articleLine("Germany sent $2 million to Poland.", title: "Two"),
            "{\"text\": 42}",
            "",
            "not json at all",
            articleLine("The Bank of England held rates in London.", title: "Three"),
            articleLine("NATO pledged €5 billion to Ukraine on Tuesday.", title: "One"),  // the first line again
        ]
        let file = folder.appendingPathComponent("articles.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let database = folder.appendingPathComponent("db/articles.sqlite").path

        let first = try run(["import", "--database", database, "--batch", "2", file.path])
        XCTAssertEqual(first.status, 3, first.stderr)
        XCTAssertEqual(first.stdout, "")
        let report = first.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(report.dropLast()), [
            "line 3: 422 \"text\" must be a string, got the number 42",
            "line 5: 400 the line is not valid JSON: unexpected character at byte 1",
        ])
        XCTAssertTrue(report.last?.hasPrefix("imported \(file.path): 6 articles, 3 stored, 1 already stored, 2 refused, in ") == true,
                      report.last ?? "")

        let store = try SQLiteArticleStore(path: database)
        let stored = try store.articles(ArticleListQuery()).items
        XCTAssertEqual(stored.compactMap(\.title).sorted(), ["One", "Three", "Two"])
        let ids = Set(stored.map(\.id))
        store.close()

        // The same file from standard input: everything is already stored.
        let again = try run(["import", "--database", database, "-"], stdin: lines.joined(separator: "\n"))
        XCTAssertEqual(again.status, 3)
        XCTAssertTrue(again.stderr.contains("imported standard input: 6 articles, 0 stored, 4 already stored, 2 refused, in "), again.stderr)
        let reopened = try SQLiteArticleStore(path: database)
        XCTAssertEqual(Set(try reopened.articles(ArticleListQuery()).items.map(\.id)), ids)
        reopened.close()

        // Only good lines: exit status 0.
        let good = try run(["import", "--database", database, "-"], stdin: lines[1] + "\n")
        XCTAssertEqual(good.status, 0, good.stderr)
    }

    func testUsageErrorsExitWithTwo() throws {
        XCTAssertEqual(try run(["import"]).status, 2)
        XCTAssertEqual(try run(["import", "--database", folder.appendingPathComponent("x.sqlite").path, "/nonexistent/file.jsonl"]).status, 2)
    }

    func testReextractReportsTheChangesPerType() throws {
        let database = folder.appendingPathComponent("r.sqlite").path
        let imported = try run(["import", "--database", database, "-"], stdin: articleLine("NATO pledged €5 billion to Ukraine.", title: "T"))
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let result = try run(["reextract", "--all", "--database", database])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("re-extracted 1 article in "), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("""
              person: +0 -0
              organisation: +0 -0
              place: +0 -0
              money: +0 -0
              date: +0 -0

            """), result.stdout)
    }
}
