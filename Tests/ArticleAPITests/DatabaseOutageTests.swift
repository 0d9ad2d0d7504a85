import ArticleAPI
import ArticleStore
import EntityExtraction
import Foundation
import HTTPServer
import PostgresStore
import PostgresTestSupport
import XCTest

/// The PostgreSQL server goes away under a running service and comes back: `/healthz`
/// says so (503 with `Retry-After`, answered inline), requests get 503 with `Retry-After`
/// instead of hanging, and once the server is back the same service (same API, same
/// store, no restart) answers again. Needs the test cluster's folder
/// (ARTICLE_ENTITIES_TEST_POSTGRES_DIR) to stop and start it.
final class DatabaseOutageTests: XCTestCase {
    func testHealthAndWritesDuringAnOutageAndRecoveryWithoutARestart() throws {
        let schema = try TestDatabase.newSchema()
        defer { schema.drop() }
        guard let dir = TestCluster.directory else {
            throw XCTSkip("ARTICLE_ENTITIES_TEST_POSTGRES_DIR is not set: the outage test stops and starts the "
                          + "Tests/Support/pg-cluster.sh cluster in that folder")
        }
        let store = try PostgresArticleStore(url: schema.url, connections: 3, entityRenderer: EntityJSON.renderer)
        defer { store.close() }
        let logged = LogLines()
        let api = ArticleAPI(store: store, extractor: ServiceFixture.extractor, configuration: ServiceConfiguration(),
                             today: { CivilDate(year: 2024, month: 3, day: 14)! }, log: { logged.append($0) })
        let client = InProcessClient(responder: api)
        func health() -> HTTPResponse? { api.respondInline(to: HTTPRequest(method: "GET", target: "/healthz")) }
        // No name, sum or date in it: nothing for the ledger to write.
        let post = { (text: String) in try client.postText("/v1/articles?published_at=2024-03-14", text) }

        XCTAssertTrue(api.databaseProbe.checkNow())
        XCTAssertEqual(health()?.status, 200)
        let before = try post("the quick brown fox jumps over the lazy dog.")
        XCTAssertEqual(before.status, 201, before.text)

        XCTAssertEqual(TestCluster.run("down", dir), 0, "pg-cluster.sh down failed")
        var upAgain = false
        defer { if !upAgain { _ = TestCluster.run("up", dir) } }

        XCTAssertFalse(api.databaseProbe.checkNow())
        let down = try XCTUnwrap(health(), "/healthz is answered inline, without a worker")
        XCTAssertEqual(down.status, 503)
        XCTAssertEqual(down.headers["Retry-After"], "2")
        XCTAssertEqual(down.headers["Content-Type"], "application/problem+json")
        XCTAssertTrue(String(decoding: down.body, as: UTF8.self).contains("the database does not answer"))
        XCTAssertEqual(logged.lines.filter { $0.hasPrefix("the database does not answer: ") }.count, 1, "\(logged.lines)")
        XCTAssertFalse(logged.lines.joined().contains(Self.password()), "no password in the log")

        for response in [try post("a second quiet sentence, stored later."), try client.get("/v1/articles"),
                         try client.get("/v1/articles/\(before.json["id"] as? String ?? "")")] {
            XCTAssertEqual(response.status, 503, response.text)
            XCTAssertEqual(response.headers["retry-after"], "2")
            XCTAssertEqual(response.json["detail"] as? String, "the database does not answer, so nothing was changed: retry in a moment")
        }

        XCTAssertEqual(TestCluster.run("up", dir), 0, "pg-cluster.sh up failed")
        upAgain = true
        // The pool waits `reconnectDelay` after a failed connect before it tries again.
        var recovered = false
        for _ in 0..<100 where !recovered {
            recovered = api.databaseProbe.checkNow()
            if !recovered { usleep(100_000) }
        }
        XCTAssertTrue(recovered, "the probe never found the database again")
        XCTAssertEqual(health()?.status, 200)
        XCTAssertTrue(logged.lines.contains("the database answers again"), "\(logged.lines)")
        let after = try post("a second quiet sentence, stored later.")
        XCTAssertEqual(after.status, 201, after.text)
        XCTAssertEqual(try client.get("/v1/articles").json["articles"].map { ($0 as? [Any])?.count }, 2)
    }

    /// The password in the test server's URL (`postgresql://user:password@host…`).
    static func password() -> String {
        let raw = ProcessInfo.processInfo.environment[TestDatabase.variable] ?? ""
        guard let start = raw.range(of: "://")?.upperBound, let at = raw.lastIndex(of: "@"),
              let colon = raw[start..<at].firstIndex(of: ":") else { return "\u{1}none" }
        return String(raw[raw.index(after: colon)..<at])
    }
}
