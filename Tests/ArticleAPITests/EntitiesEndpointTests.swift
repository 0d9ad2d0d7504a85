import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction

/// The archive entity endpoints and the ledger's new parameters over hand-made extractions:
/// status codes, pagination and the surname join's dominance rule.
final class EntitiesEndpointTests: XCTestCase {
    var fixture: ServiceFixture!

    override func setUpWithError() throws { fixture = try ServiceFixture() }
    override func tearDown() { fixture.tearDown() }

    /// Stores an article naming each person once per entry in `people` (a name mentioned n times).
    @discardableResult
    private func store(_ people: [(String, Int)], day: String = "2024-03-14") throws -> String {
        var entities: [Entity] = []
        var position = 0
        for (name, times) in people {
            let key = EntityKeys.nameKey(name)
            let mentions = (0..<times).map { _ -> Mention in
                defer { position += 40 }
                return Mention(start: position, end: position + name.unicodeScalars.count, text: name)
            }
            entities.append(Entity(id: EntityKeys.id(type: .person, key: key), type: .person, name: name, key: key, mentions: mentions))
        }
        let article = NewArticle(text: String(repeating: "x", count: position + 1), title: "t\(UUID().uuidString)",
                                 publishedAt: CivilDate(iso: day)!)
        return try fixture.store.insert(article, extraction: Extraction(entities: entities, figures: [], extractorVersion: "t")).article.id
    }

    private func entityID(ofSurnameIn article: String) throws -> String? {
        let r = try fixture.inProcess.get("/v1/articles/\(article)/entities")
        return (r.json["entities"] as? [[String: Any]])?.first { ($0["key"] as? String)?.contains(" ") == false }?["entity_id"] as? String
    }

    func testASurnameJoinsOnlyADominantFullName() throws {
        try store([("Boris Johnson", 3)])
        let joined = try store([("Johnson", 1)])
        XCTAssertEqual(try entityID(ofSurnameIn: joined), ArchiveIdentity.id(type: .person, key: "boris johnson"), "the only Johnson")

        try store([("Lyndon Johnson", 2)])
        let apart = try store([("Johnson", 1)])
        // boris johnson has 4 mentions now, lyndon johnson 2: less than 4 times as many.
        XCTAssertEqual(try entityID(ofSurnameIn: apart), ArchiveIdentity.id(type: .person, key: "johnson"))

        try store([("Boris Johnson", 4)])
        let dominant = try store([("Johnson", 1)])
        XCTAssertEqual(try entityID(ofSurnameIn: dominant), ArchiveIdentity.id(type: .person, key: "boris johnson"), "8 against 2")
    }

    func testStatusCodesAndPages() throws {
        for i in 0..<5 { try store([("Person Number\(i)", i + 1)], day: "2024-03-1\(i)") }
        let client = fixture.inProcess
        XCTAssertEqual(try client.get("/v1/entities/ent_0123456789abcdef").status, 404)
        XCTAssertEqual(try client.get("/v1/entities/nonsense/articles").status, 404)
        XCTAssertEqual(try client.get("/v1/entities/ent_0123456789abcdef/figures").status, 404)
        XCTAssertEqual(try client.get("/v1/entities?sort=size").status, 400)
        XCTAssertEqual(try client.get("/v1/entities?cursor=bogus").status, 400)
        XCTAssertEqual(try client.get("/v1/figures?q=%2B%2B").status, 400, "no word to search for")
        XCTAssertEqual(try client.get("/v1/figures?scope=everywhere").status, 400)
        XCTAssertEqual(try client.get("/v1/figures/summary?group_by=entity&cursor=bogus").status, 400)

        var names: [String] = []
        var target = "/v1/entities?sort=mentions&limit=2"
        while true {
            let r = try client.get(target)
            XCTAssertEqual(r.status, 200, r.text)
            names += (r.json["entities"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            guard let next = r.json["next_cursor"] as? String else { break }
            target = "/v1/entities?sort=mentions&limit=2&cursor=\(next)"
        }
        XCTAssertEqual(names, (0..<5).reversed().map { "Person Number\($0)" })
        let byName = try client.get("/v1/entities?sort=name&q=person%20number3").json["entities"] as? [[String: Any]]
        XCTAssertEqual(byName?.map { $0["name"] as? String }, ["Person Number3"])
        let bySurname = try client.get("/v1/entities?q=NUMBER1").json["entities"] as? [[String: Any]]
        XCTAssertEqual(bySurname?.map { $0["name"] as? String }, ["Person Number1"])
    }
}
