import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction

/// The figures ledger over articles stored with hand-made extractions, so the filters
/// are tested apart from recognizer quality.
final class FiguresEndpointTests: XCTestCase {
    var fixture: ServiceFixture!
    var ids: [String] = []

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        ids = [
            try store(day: "2024-03-14", title: "Aid", sums: [("€276 million", 276_000_000, "EUR"), ("€55 billion", 55_000_000_000, "EUR")], places: ["Ukraine"]),
            try store(day: "2024-02-02", title: "Budget", sums: [("$1.5 billion", 1_500_000_000, "USD"), ("50 cents", 0.5, "USD")], places: ["Canada"]),
            try store(day: "2024-03-20", title: "Fund", sums: [("€5 billion", 5_000_000_000, "EUR")], places: ["Ukraine"]),
        ]
    }

    override func tearDown() { fixture.tearDown() }

    private func store(day: String, title: String, sums: [(String, Decimal, String)], places: [String]) throws -> String {
        var text = ""
        var entities: [Entity] = []
        var figures: [Figure] = []
        for (i, (s, amount, currency)) in sums.enumerated() {
            let start = text.unicodeScalars.count + 8
            text += "It paid \(s). "
            let mention = Mention(start: start, end: start + s.unicodeScalars.count, text: s)
            let value = MoneyValue(amount: amount, currency: currency)
            let id = "mon_\(i)"
            entities.append(Entity(id: id, type: .money, name: s, key: "\(amount) \(currency)", value: .money(value), mentions: [mention]))
            figures.append(Figure(entityID: id, mention: mention, value: value, sentence: "It paid \(s).", sentenceStart: start - 8, sentenceEnd: mention.end + 1))
        }
        for p in places {
            let start = text.unicodeScalars.count
            text += "\(p). "
            entities.append(Entity(id: "pla_\(p)", type: .place, name: p, key: p.lowercased(),
                                   mentions: [Mention(start: start, end: start + p.unicodeScalars.count, text: p)]))
        }
        let extraction = Extraction(entities: entities, figures: figures, extractorVersion: "test")
        let (article, created) = try fixture.store.insert(NewArticle(text: text, title: title, url: nil, source: nil,
                                                                     publishedAt: CivilDate(iso: day)!), extraction: extraction)
        XCTAssertTrue(created)
        return article.id
    }

    private func amounts(_ target: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let r = try fixture.inProcess.get(target)
        XCTAssertEqual(r.status, 200, r.text, file: file, line: line)
        return (r.json["figures"] as? [[String: Any]] ?? []).map { "\($0["amount"]!) \($0["currency"]!)" }
    }

    func testFiltersAndSorts() throws {
        XCTAssertEqual(try amounts("/v1/figures?currency=EUR&min_amount=1000000000"), ["55000000000 EUR", "5000000000 EUR"])
        XCTAssertEqual(try amounts("/v1/figures?currency=eur&min_amount=1000000000&sort=amount"), ["5000000000 EUR", "55000000000 EUR"])
        XCTAssertEqual(try amounts("/v1/figures?max_amount=0.5"), ["0.5 USD"])
        // The places stand in sentences of their own: only the article scope finds them.
        XCTAssertEqual(try amounts("/v1/figures?since=2024-03-01&until=2024-03-31&min_amount=1000000000&entity=Ukraine&scope=article"),
                       ["55000000000 EUR", "5000000000 EUR"])
        XCTAssertEqual(try amounts("/v1/figures?entity=Canada&sort=amount&scope=article"), ["0.5 USD", "1500000000 USD"])
        XCTAssertEqual(try amounts("/v1/figures?entity=Canada"), [], "no figure's sentence names Canada")
        XCTAssertEqual(try amounts("/v1/figures?article=\(ids[2])"), ["5000000000 EUR"])
        let byDate = try amounts("/v1/figures?sort=published_at&currency=EUR")
        XCTAssertEqual(Set(byDate.prefix(2)), ["276000000 EUR", "55000000000 EUR"], "both from 2024-03-14")
        XCTAssertEqual(byDate.last, "5000000000 EUR", "2024-03-20 comes last")
        XCTAssertEqual(try amounts("/v1/figures?sort=-published_at&currency=EUR").first, "5000000000 EUR")
    }

    func testFigureCarriesSentenceAndArticle() throws {
        let r = try fixture.inProcess.get("/v1/figures?currency=USD&sort=-amount&limit=1")
        let f = try XCTUnwrap((r.json["figures"] as? [[String: Any]])?.first)
        XCTAssertEqual(f["text"] as? String, "$1.5 billion")
        XCTAssertEqual(f["sentence"] as? String, "It paid $1.5 billion.")
        XCTAssertEqual(f["start"] as? Int, 8)
        XCTAssertEqual((f["article"] as? [String: Any])?["title"] as? String, "Budget")
        XCTAssertEqual((f["article"] as? [String: Any])?["published_at"] as? String, "2024-02-02")
        XCTAssertNotNil(r.json["next_cursor"] as? String, "more USD figures follow")
    }

    func testPaginationVisitsEveryFigureOnce() throws {
        var seen: [String] = []
        var target = "/v1/figures?limit=2"
        for _ in 0..<10 {
            let r = try fixture.inProcess.get(target)
            seen += (r.json["figures"] as? [[String: Any]] ?? []).map { "\($0["amount"]!)" }
            guard let c = r.json["next_cursor"] as? String else { break }
            target = "/v1/figures?limit=2&cursor=\(c.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        }
        XCTAssertEqual(seen, ["55000000000", "5000000000", "1500000000", "276000000", "0.5"])
    }

    func testSummaryByCurrencyAndMonth() throws {
        let r = try fixture.inProcess.get("/v1/figures/summary?group_by=currency")
        XCTAssertEqual(r.status, 200)
        let groups = try XCTUnwrap(r.json["groups"] as? [[String: Any]])
        let eur = try XCTUnwrap(groups.first { $0["group"] as? String == "EUR" })
        XCTAssertEqual("\(eur["total"]!)", "60276000000")
        XCTAssertEqual(eur["count"] as? Int, 3)
        XCTAssertEqual("\(eur["min"]!)", "276000000")
        let usd = try XCTUnwrap(groups.first { $0["group"] as? String == "USD" })
        XCTAssertEqual("\(usd["total"]!)", "1500000000.5")

        let months = try fixture.inProcess.get("/v1/figures/summary?group_by=month&currency=EUR")
        let m = (months.json["groups"] as? [[String: Any]] ?? []).map { "\($0["group"]!) \($0["count"]!)" }
        XCTAssertEqual(m, ["2024-03 3"])
        XCTAssertEqual(try fixture.inProcess.get("/v1/figures/summary?group_by=week").status, 400)
    }

    func testEntitiesAcrossArticles() throws {
        let r = try fixture.inProcess.get("/v1/entities?type=place")
        XCTAssertEqual(r.status, 200)
        let rows = (r.json["entities"] as? [[String: Any]] ?? []).map { "\($0["name"]!) \($0["article_count"]!)" }
        XCTAssertEqual(rows, ["Ukraine 2", "Canada 1"])
        let q = try fixture.inProcess.get("/v1/entities?q=ukr")
        XCTAssertEqual((q.json["entities"] as? [[String: Any]])?.count, 1)
    }

    func testBadQueryValuesAreRefused() throws {
        for target in ["/v1/figures?min_amount=lots", "/v1/figures?min_amount=-5", "/v1/figures?currency=EURO",
                       "/v1/figures?since=2024-13-01", "/v1/figures?sort=size", "/v1/figures?limit=0",
                       "/v1/figures?limit=100000", "/v1/figures?min_amount=10&max_amount=5", "/v1/figures?cursor=garbage",
                       "/v1/figures?colour=red", "/v1/figures?since=2024-03-02&until=2024-03-01"] {
            let r = try fixture.inProcess.get(target)
            XCTAssertEqual(r.status, 400, target)
            XCTAssertEqual(r.headers["content-type"], "application/problem+json", target)
            XCTAssertFalse((r.json["detail"] as? String ?? "").isEmpty, target)
        }
    }
}
