import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// `dataVersion()` of the SQLite store: it moves after every commit to the file, by this
/// store, another store on the same file, or another process, never repeats, stays put
/// while nothing is committed, and a token taken before a read never matches data
/// committed after that read.
final class DataVersionTests: StoreTestCase {
    private static func article(_ n: Int) -> NewArticle {
        NewArticle(text: "Article \(n) about Jens Stoltenberg.", title: "t\(n)", publishedAt: day("2024-03-14"))
    }

    func testStaysPutWithoutCommitsAndGrowsWithEach() throws {
        let store = try sqlite()
        let first = try XCTUnwrap(store.dataVersion())
        XCTAssertEqual(store.dataVersion(), first, "reading changes nothing")
        _ = try store.articleCount()
        XCTAssertEqual(store.dataVersion(), first)
        var seen: [Int64] = [first]
        var ids: [String] = []
        for n in 0..<5 {
            ids.append(try store.insert(Self.article(n), extraction: Fixtures.extraction()).article.id)
            let now = try XCTUnwrap(store.dataVersion())
            XCTAssertGreaterThan(now, seen.last!, "commit \(n) moves the version forward")
            XCTAssertEqual(store.dataVersion(), now)
            seen.append(now)
        }
        XCTAssertTrue(try store.deleteArticle(id: ids[0]))
        seen.append(try XCTUnwrap(store.dataVersion()))
        XCTAssertEqual(Set(seen).count, seen.count, "no token repeats")
        XCTAssertEqual(seen, seen.sorted())
    }

    /// A second store on the same path stands for `reextract` or `import` in another process.
    func testAnotherStoreOnTheFileMovesIt() throws {
        let store = try sqlite()
        let other = try SQLiteArticleStore(path: databasePath)
        defer { other.close() }
        let before = try XCTUnwrap(store.dataVersion())
        XCTAssertEqual(store.dataVersion(), before, "opening the file is no commit")
        let stored = try other.insert(Self.article(1), extraction: Fixtures.extraction()).article
        let afterInsert = try XCTUnwrap(store.dataVersion())
        XCTAssertGreaterThan(afterInsert, before)
        XCTAssertTrue(try other.replaceExtraction(articleID: stored.id, with: Fixtures.extraction([Fixtures.person("Ada Lovelace", at: [0])])))
        let afterReplace = try XCTUnwrap(store.dataVersion())
        XCTAssertGreaterThan(afterReplace, afterInsert)
        XCTAssertEqual(store.dataVersion(), afterReplace)
    }

    /// A real second process: the `sqlite3` shell writing the file (skipped without it).
    func testAnotherProcessWritingTheFileMovesIt() throws {
        let store = try sqlite()
        let stored = try store.insert(Self.article(1), extraction: Fixtures.extraction()).article
        let shell = "/usr/bin/sqlite3"
        guard FileManager.default.isExecutableFile(atPath: shell) else { throw XCTSkip("no \(shell)") }
        let before = try XCTUnwrap(store.dataVersion())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-cmd", ".timeout 5000", databasePath, "UPDATE articles SET title = 'renamed' WHERE id = '\(stored.id)'"]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let after = try XCTUnwrap(store.dataVersion())
        XCTAssertGreaterThan(after, before, "the other process's commit is seen at the next check, not later")
        XCTAssertEqual(try store.article(id: stored.id)?.title, "renamed")
        XCTAssertEqual(store.dataVersion(), after)
    }

    /// The race: while another store commits continuously, threads take a token, read,
    /// read again, and take the token again. Whenever the two tokens are equal, the two
    /// reads must have seen the same data: a commit that landed between them moved it.
    /// Tokens every thread sees only grow.
    func testATokenTakenBeforeAReadNeverMatchesLaterData() throws {
        let store = try sqlite()
        let other = try SQLiteArticleStore(path: databasePath)
        defer { other.close() }
        let stop = StopFlag()
        let commits = 60
        let writer = Thread {
            for n in 1...commits where !stop.isSet {
                _ = try? (n % 2 == 0 ? other : store).insert(Self.article(n), extraction: Fixtures.extraction())
            }
            stop.set()
        }
        writer.start()
        let failures = Failures()
        let unchanged = Failures()
        let deadline = Date().addingTimeInterval(20)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            var last: Int64 = 0
            while !stop.isSet && Date() < deadline {
                guard let before = store.dataVersion(), let a = try? store.articleCount(),
                      let b = try? store.articleCount(), let after = store.dataVersion() else { continue }
                if before == after && a != b { failures.add("token \(before) matched across a commit (\(a) → \(b))") }
                if before == after { unchanged.add("\(before)") }
                if before < last || after < before { failures.add("token went back: \(last), \(before), \(after)") }
                last = after
            }
        }
        stop.set()
        while !writer.isFinished { usleep(1000) }
        XCTAssertEqual(failures.all, [])
        XCTAssertFalse(unchanged.all.isEmpty, "some checks fell between commits")
        XCTAssertEqual(try store.articleCount(), commits, "every commit landed while the readers checked")
    }

    func testNoVersionOnceClosed() throws {
        let store = try sqlite()
        XCTAssertNotNil(store.dataVersion())
        store.close()
        XCTAssertNil(store.dataVersion())
    }
}

private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var all: [String] { lock.withLock { list } }
    func add(_ s: String) { lock.withLock { if list.count < 10 { list.append(s) } } }
}
