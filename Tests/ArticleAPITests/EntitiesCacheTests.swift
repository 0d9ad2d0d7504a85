import XCTest
@testable import ArticleAPI
import ArticleStore
import EntityExtraction
import HTTPServer

/// GET …/entities answered on the I/O thread from the bodies kept in `EntitiesCache`:
/// only what a worker answered before, only while no commit (here or by another
/// connection to the same file) has happened since, and within the byte bound.
final class EntitiesCacheTests: XCTestCase {
    var fixture: ServiceFixture!
    let text = "Olaf Scholz said on Monday that Germany would spend €5 billion on ammunition. "
        + "Scholz met Emmanuel Macron in Paris, where France pledged $2 million on 3 March 2024."

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
    }
    override func tearDown() { fixture.tearDown() }

    private func post(title: String) throws -> String {
        let r = try fixture.inProcess.postText("/v1/articles?published_at=2024-03-14&title=\(title)", text)
        XCTAssertEqual(r.status, 201, r.text)
        return try XCTUnwrap(r.json["id"] as? String)
    }

    private func inline(_ target: String, headers: [(String, String)] = []) -> HTTPResponse? {
        fixture.api.respondInline(to: HTTPRequest(method: "GET", target: target, headers: HTTPHeaders(headers)))
    }

    private func worker(_ target: String, headers: [(String, String)] = []) -> HTTPResponse {
        fixture.api.respond(to: HTTPRequest(method: "GET", target: target, headers: HTTPHeaders(headers)))
    }

    func testServedInlineOnlyAfterAWorkerAnsweredTheSameRepresentation() throws {
        let id = try post(title: "a")
        let path = "/v1/articles/\(id)/entities"
        XCTAssertNil(inline(path), "nothing is cached before a worker has read it")
        let first = worker(path)
        XCTAssertEqual(first.status, 200)
        let cached = try XCTUnwrap(inline(path))
        XCTAssertEqual(cached.status, 200)
        XCTAssertEqual(cached.body, first.body)
        XCTAssertEqual(cached.headers["ETag"], first.headers["ETag"])
        XCTAssertEqual(cached.headers["Content-Type"], "application/json")
        XCTAssertEqual(inline(path, headers: [("If-None-Match", first.headers["ETag"]!)])?.status, 304)
        XCTAssertEqual(fixture.api.respondInline(to: HTTPRequest(method: "HEAD", target: path))?.status, 200)
        XCTAssertEqual(inline(path + "?offsets=codepoints")?.body, first.body)

        // Each filter is its own entry; other units and bad parameters always go to a worker.
        XCTAssertNil(inline(path + "?type=money"))
        let money = worker(path + "?type=money")
        XCTAssertEqual(inline(path + "?type=money")?.body, money.body)
        XCTAssertNotEqual(money.body, first.body)
        _ = worker(path + "?offsets=utf16")
        XCTAssertNil(inline(path + "?offsets=utf16"))
        XCTAssertNil(inline(path + "?type=money&type=money"))
        XCTAssertNil(inline(path + "?type=Money"))
        XCTAssertNil(inline(path + "?limit=1"))
        XCTAssertEqual(worker(path + "?limit=1").status, 400)
    }

    func testDeleteReextractionAndOtherPostsInvalidate() throws {
        let id = try post(title: "a")
        let path = "/v1/articles/\(id)/entities"
        let before = worker(path)
        XCTAssertNotNil(inline(path))

        // Re-extraction through the store: the next GET reads the new entities.
        let person = Entity(id: "per_x", type: .person, name: "Ada", key: "ada", value: nil,
                            mentions: [Mention(start: 0, end: 4, text: "Olaf")])
        XCTAssertTrue(try fixture.store.replaceExtraction(articleID: id, with: Extraction(entities: [person], figures: [], extractorVersion: "next")))
        XCTAssertNil(inline(path))
        let after = worker(path)
        XCTAssertNotEqual(after.headers["ETag"], before.headers["ETag"])
        XCTAssertEqual(inline(path)?.body, after.body)

        // Any commit empties the cache, even one about another article.
        _ = try post(title: "b")
        XCTAssertNil(inline(path))
        XCTAssertEqual(worker(path).body, after.body)
        XCTAssertNotNil(inline(path))

        // Deleted: never served from memory again.
        XCTAssertEqual(fixture.api.respond(to: HTTPRequest(method: "DELETE", target: "/v1/articles/\(id)")).status, 204)
        XCTAssertNil(inline(path))
        XCTAssertEqual(worker(path).status, 404)
        XCTAssertNil(inline(path))
    }

    /// Another store on the same file stands for another process (`reextract`, `import`):
    /// its commits are seen through the data version, with no message between them.
    func testCommitsByAnotherConnectionToTheFileInvalidate() throws {
        let id = try post(title: "a")
        let path = "/v1/articles/\(id)/entities"
        _ = worker(path)
        XCTAssertNotNil(inline(path))
        let other = try fixture.openStore()
        defer { other.close() }
        XCTAssertNotNil(inline(path), "opening the file changes nothing")
        let person = Entity(id: "per_y", type: .person, name: "Grace", key: "grace", value: nil,
                            mentions: [Mention(start: 0, end: 4, text: "Olaf")])
        XCTAssertTrue(try other.replaceExtraction(articleID: id, with: Extraction(entities: [person], figures: [], extractorVersion: "other")))
        waitForOtherNodesCommit { inline(path) == nil }
        XCTAssertNil(inline(path))
        let names = (try JSONSerialization.jsonObject(with: Data(worker(path).body)) as? [String: Any])?["entities"] as? [[String: Any]]
        XCTAssertEqual(names?.compactMap { $0["name"] as? String }, ["Grace"])
        XCTAssertNotNil(inline(path))
        XCTAssertTrue(try other.deleteArticle(id: id))
        waitForOtherNodesCommit { inline(path) == nil }
        XCTAssertNil(inline(path))
        XCTAssertEqual(worker(path).status, 404)
    }

    /// SQLite sees another connection's commit at once (its data version); a PostgreSQL
    /// node, when the commit's notification arrives: wait for that (up to 10 s), no longer.
    private func waitForOtherNodesCommit(_ seen: () -> Bool) {
        guard fixture.postgresURL != nil else { return }
        for _ in 0..<1000 where !seen() { usleep(10_000) }
    }

    func testInlineAnswersStillCheckTokens() throws {
        var configuration = ServiceConfiguration()
        configuration.apiTokens = ["secret-token-0123456789"]
        configuration.authReads = true
        let guarded = try ServiceFixture(configuration: configuration)
        defer { guarded.tearDown() }
        let auth = [("Authorization", "Bearer secret-token-0123456789")]
        let posted = guarded.api.respond(to: HTTPRequest(method: "POST", target: "/v1/articles?published_at=2024-03-14",
                                                         headers: HTTPHeaders(auth + [("Content-Type", "text/plain")]),
                                                         body: Array(text.utf8)))
        XCTAssertEqual(posted.status, 201)
        let id = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(posted.body)) as? [String: Any])?["id"] as? String)
        let path = "/v1/articles/\(id)/entities"
        XCTAssertEqual(guarded.api.respond(to: HTTPRequest(method: "GET", target: path, headers: HTTPHeaders(auth))).status, 200)
        XCTAssertEqual(guarded.api.respondInline(to: HTTPRequest(method: "GET", target: path, headers: HTTPHeaders(auth)))?.status, 200)
        XCTAssertEqual(guarded.api.respondInline(to: HTTPRequest(method: "GET", target: path))?.status, 401)
    }

    func testTheCacheKeepsWithinItsBoundOldestFirst() {
        let cache = EntitiesCache(maxBytes: 3 * (1000 + 4 + 5 + 64))  // three entries: body, tag, id and overhead
        func key(_ n: Int) -> EntitiesCache.Key { EntitiesCache.Key(articleID: "art_\(n)", type: "") }
        func entry(_ n: Int) -> EntitiesCache.Entry { EntitiesCache.Entry(etag: "\"e\(n)\"", body: [UInt8](repeating: UInt8(n), count: 1000)) }
        for n in 0..<3 { cache.insert(key(n), entry(n), version: 7) }
        XCTAssertEqual(cache.count, 3)
        cache.insert(key(0), entry(9), version: 7)  // replaced: counted once, and now the newest
        XCTAssertEqual(cache.count, 3)
        cache.insert(key(3), entry(3), version: 7)
        XCTAssertEqual(cache.count, 3)
        XCTAssertNil(cache.lookup(key(1), version: 7), "the oldest entry went first")
        XCTAssertEqual(cache.lookup(key(0), version: 7)?.body.first, 9)
        XCTAssertNotNil(cache.lookup(key(2), version: 7))
        XCTAssertLessThanOrEqual(cache.storedBytes, cache.maxBytes)
        cache.insert(key(5), EntitiesCache.Entry(etag: "\"big\"", body: [UInt8](repeating: 0, count: 4000)), version: 7)
        XCTAssertNil(cache.lookup(key(5), version: 7), "a body larger than the whole bound is not kept")
        XCTAssertEqual(cache.count, 3)

        // Versions: an older reading is refused, a newer one replaces everything.
        cache.insert(key(6), entry(6), version: 6)
        XCTAssertNil(cache.lookup(key(6), version: 7))
        XCTAssertNil(cache.lookup(key(0), version: 8))
        XCTAssertEqual(cache.count, 0)
        XCTAssertEqual(cache.storedBytes, 0)
        cache.insert(key(7), entry(7), version: nil)
        XCTAssertNil(cache.lookup(key(7), version: nil), "an unknown version is never a match")
    }
}
