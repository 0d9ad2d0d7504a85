import Foundation
import XCTest
import ArticleAPI
import HTTPServer

/// The entity page and full-text search read endpoints that the ledger and archive
/// branches add (issue 10's contract in HELPERS.md). Until they are merged, these tests
/// answer those paths with the contract's shapes, built from the real service's own
/// answers (the entity's articles are GET /v1/articles?entity=, its figures GET
/// /v1/figures?entity=), so the pages are held to the contract now and to the real
/// endpoints once they exist (WebPagesBrowserTests loads the real entity page when
/// entity ids appear in the API).
final class WebPagesContractTests: XCTestCase {
    var fixture: ServiceFixture!
    var server: HTTPServer?
    var base = ""

    /// Answers the contract's paths, passes everything else to the real API.
    struct ContractStandIn: HTTPResponder {
        let api: ArticleAPI

        static let entity = "ent_0123456789abcdef"

        func answer(_ r: HTTPRequest) -> HTTPResponse? {
            func json(_ object: Any) -> HTTPResponse {
                HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "application/json")]),
                             body: Array(try! JSONSerialization.data(withJSONObject: object)))
            }
            func real(_ target: String) -> [String: Any] {
                let answer = api.respond(to: HTTPRequest(method: "GET", target: target))
                return (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
            }
            switch r.path {
            case "/v1/entities/\(Self.entity)":
                return json(["id": Self.entity, "type": "person", "name": "Jens Stoltenberg", "names": ["Jens Stoltenberg", "Stoltenberg"],
                             "article_count": 1, "mention_count": 7, "first_seen": "2024-03-14", "last_seen": "2024-03-14",
                             "recent_articles": [] as [Any]])
            case "/v1/entities/\(Self.entity)/articles":
                return json(real("/v1/articles?entity=Jens%20Stoltenberg"))
            case "/v1/entities/\(Self.entity)/figures":
                return json(real("/v1/figures?entity=Jens%20Stoltenberg"))
            case "/v1/figures" where r.query("format") == "csv":
                let rows = (real("/v1/figures?currency=EUR")["figures"] as? [[String: Any]] ?? []).map { "\($0["amount"]!),\($0["currency"]!)" }
                return HTTPResponse(status: 200, headers: HTTPHeaders([("Content-Type", "text/csv; charset=utf-8")]),
                                    body: Array((["amount,currency"] + rows).joined(separator: "\r\n").utf8))
            case "/v1/articles" where r.query("q") != nil:
                var page = real("/v1/articles")
                page["articles"] = (page["articles"] as? [[String: Any]] ?? []).map {
                    var a = $0
                    a["snippet"] = "…said <b>Stoltenberg</b> on Thursday…"
                    return a
                }
                return json(page)
            default:
                return nil
            }
        }

        func respond(to request: HTTPRequest) -> HTTPResponse { answer(request) ?? api.respond(to: request) }
        func respondInline(to request: HTTPRequest) -> HTTPResponse? {
            answer(request) == nil ? api.respondInline(to: request) : nil
        }
    }

    override func setUpWithError() throws {
        _ = try HeadlessChromium.find()
        fixture = try ServiceFixture()
        var c = HTTPServerConfiguration()
        c.port = 0
        let s = HTTPServer(configuration: c, responder: ContractStandIn(api: fixture.api))
        base = "http://127.0.0.1:\(try s.start())"
        server = s
        let url = ServiceFixture.sharedData.appendingPathComponent("fixtures/nato-ammunition.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("../shared/fixtures/nato-ammunition.txt is absent") }
        let posted = fixture.api.respond(to: HTTPRequest(method: "POST", target: "/v1/articles?published_at=2024-03-14&title=Running%20out",
                                                         headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Array(text.utf8)))
        XCTAssertEqual(posted.status, 201)
    }

    override func tearDown() {
        server?.shutdown()
        server?.waitUntilStopped()
        fixture?.tearDown()
    }
    override class func tearDown() {
        ChromiumSession.endShared(for: self)
        super.tearDown()
    }

    func testEntityPageShowsNamesArticlesAndFigures() throws {
        let page = try ChromiumSession.shared(for: Self.self)
        let dom = try page.load("\(base)/entities/\(ContractStandIn.entity)", screenshot: "entity-contract")
        XCTAssertEqual(DOM.elements(dom, tag: "h1").first?.text, "Jens Stoltenberg Person")
        XCTAssertEqual(DOM.elements(dom, tag: "p", containing: "id=\"meta\"").first?.text, "1 article · 7 mentions · seen 2024-03-14")
        XCTAssertEqual(DOM.elements(dom, tag: "ul", containing: "id=\"names\"").first.map { DOM.elements($0.inner, tag: "li").map(\.text) },
                       ["Jens Stoltenberg", "Stoltenberg"])
        let articles = DOM.elements(dom, tag: "ol", containing: "id=\"articles\"").first.map { DOM.elements($0.inner, tag: "a").map(\.text) }
        XCTAssertEqual(articles, ["Running out"])
        let sums = DOM.elements(dom, tag: "mark", containing: "class=\"sum\"").map(\.text)
        XCTAssertEqual(sums, ["€55 billion", "€5 billion", "€276 million"])
        XCTAssertFalse(dom.contains("class=\"problem\""))
    }

    func testSearchShowsRankedHitsWithTheirSnippetAsText() throws {
        let page = try ChromiumSession.shared(for: Self.self)
        let dom = try page.load("\(base)/articles?q=Stoltenberg", screenshot: "articles-search-contract")
        XCTAssertEqual(DOM.elements(dom, tag: "p", containing: "class=\"snippet\"").map(\.inner), ["…said &lt;b&gt;Stoltenberg&lt;/b&gt; on Thursday…"])
        XCTAssertFalse(dom.contains("<b>Stoltenberg"))
        XCTAssertTrue(dom.contains("data-ready=\"articles\""))
    }

    func testCSVLinkSavesTheFileTheAPIMakes() throws {
        let page = try ChromiumSession.shared(for: Self.self)
        _ = try page.load("\(base)/figures?currency=EUR", screenshot: "figures-csv")
        try page.evaluate("document.getElementById('csv-link').click()")
        try page.wait(for: "document.getElementById('csv-link').dataset.downloaded", "the CSV")
        let csv = "amount,currency\r\n55000000000,EUR\r\n5000000000,EUR\r\n276000000,EUR"
        XCTAssertEqual(try page.string("document.getElementById('csv-link').dataset.downloaded"), String(csv.utf16.count))
        XCTAssertEqual(try page.string("document.getElementById('csv-status').textContent"), "Downloaded figures.csv.")
    }
}
