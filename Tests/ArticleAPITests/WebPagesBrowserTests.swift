import Foundation
import XCTest

/// The web pages in a real browser (headless Chromium, one per test, driven over the
/// DevTools protocol) against the service on a live port: what a reader sees is checked
/// through the DOM the pages' scripts built, and each
/// page leaves a screenshot in `.build/browser-tests/` (`UPDATE_SCREENSHOTS=1` also copies
/// the README's into `docs/screenshots/`).
final class WebPagesBrowserTests: XCTestCase {
    var fixture: ServiceFixture!
    var browser: ChromiumSession!
    var client: LiveClient!

    override func setUpWithError() throws {
        _ = try HeadlessChromium.find()
        fixture = try ServiceFixture()
        client = try fixture.live()
        browser = try ChromiumSession.shared(for: Self.self)
    }
    override func tearDown() { fixture?.tearDown() }
    override class func tearDown() {
        ChromiumSession.endShared(for: self)
        super.tearDown()
    }

    var base: String { "http://127.0.0.1:\(fixture.port)" }

    /// An article whose markup must stay text, with astral characters (three emoji, two
    /// UTF-16 units each) before every mention, so an offset read as UTF-16 lands wrong.
    static let hostileText = "🎉🎉🎉 <script>document.body.setAttribute('data-pwned','1')</script>"
        + "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> 𝐍𝐞𝐰𝐬: NATO Secretary General "
        + "Jens Stoltenberg said on Tuesday that Britain would spend £7 million."
    static let hostileTitle = "<script>document.title='pwned'</script> Emoji & markup"

    func postSeed() throws -> String {
        let url = ServiceFixture.sharedData.appendingPathComponent("fixtures/nato-ammunition.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw XCTSkip("../shared/fixtures/nato-ammunition.txt is absent: the browser tests read the seed article")
        }
        let r = try client.postText("/v1/articles?published_at=2024-03-14&title=Running%20out", text)
        XCTAssertEqual(r.status, 201, r.text)
        return try XCTUnwrap(r.json["id"] as? String)
    }

    func postHostile() throws -> String {
        let r = try client.postJSON("/v1/articles", ["text": Self.hostileText, "title": Self.hostileTitle, "published_at": "2024-03-15"])
        XCTAssertEqual(r.status, 201, r.text)
        return try XCTUnwrap(r.json["id"] as? String)
    }

    /// The API's own mentions of an article: (type, text, name, value as the page should show it).
    func apiMentions(_ id: String) throws -> [(type: String, text: String, name: String, value: String?)] {
        let entities = try XCTUnwrap(try client.get("/v1/articles/\(id)/entities").json["entities"] as? [[String: Any]])
        var out: [(String, String, String, String?)] = []
        for e in entities {
            let type = e["type"] as! String, v = e["value"] as? [String: Any]
            var value: String?
            if type == "money", let v { value = "\(v["amount"]!) \(v["currency"]!)" }
            if type == "date", let v { value = (v["date"] as? String) ?? "\(v["from"] ?? "…") – \(v["to"] ?? "…")" }
            for m in e["mentions"] as! [[String: Any]] { out.append((type, m["text"] as! String, e["name"] as! String, value)) }
        }
        return out
    }

    /// A mark's own words, without its type label or the labels of marks inside it.
    static func markText(_ mark: DOM.Element) -> String {
        DOM.text(mark.inner.replacingOccurrences(of: #"<span class="ent-label">[^<]*</span>"#, with: "", options: .regularExpression))
    }

    func testArticlePageMarksEveryMentionWithItsValue() throws {
        let id = try postSeed()
        let dom = try browser.load("\(base)/articles/\(id)", screenshot: "article")
        XCTAssertTrue(dom.contains("data-ready=\"article\""), "the page's script did not finish")
        let marks = DOM.elements(dom, tag: "mark", containing: "class=\"ent ")
        let expected = try apiMentions(id)
        XCTAssertEqual(marks.count, expected.count, "one mark per mention the API reports")
        let shown = marks.map { "\($0.attributes["data-type"]!)|\(Self.markText($0))|\($0.attributes["data-name"]!)|\($0.attributes["data-value"] ?? "-")" }
        let wanted = expected.map { "\($0.type)|\($0.text)|\($0.name)|\($0.value ?? "-")" }
        XCTAssertEqual(shown.sorted(), wanted.sorted())

        // The seed's three sums, each highlighted with its normalised value.
        let sums = marks.filter { $0.attributes["data-type"] == "money" }.map { "\(Self.markText($0)) = \($0.attributes["data-value"]!)" }
        XCTAssertEqual(sums, ["€276 million = 276000000 EUR", "€55 billion = 55000000000 EUR", "€5 billion = 5000000000 EUR"])
        let jens = marks.filter { $0.attributes["data-name"] == "Jens Stoltenberg" }
        XCTAssertFalse(jens.isEmpty)
        XCTAssertTrue(jens.allSatisfy { $0.attributes["data-type"] == "person" && $0.attributes["tabindex"] == "0" })
        XCTAssertTrue(marks.allSatisfy { $0.inner.contains("<span class=\"ent-label\">") }, "every mark names its type in words")

        // The side list counts his mentions and says which type each group is.
        let items = DOM.elements(dom, tag: "li").map(\.text)
        let count = expected.filter { $0.name == "Jens Stoltenberg" && $0.type == "person" }.count
        XCTAssertTrue(items.contains("Jens Stoltenberg\(count) mentions"), "side list: \(items.prefix(8))")

        // A figure's link into the text focuses its mark, and focus shows the name and value.
        let money = try XCTUnwrap(try client.get("/v1/figures?sort=amount").json["figures"] as? [[String: Any]]).first!
        let start = try XCTUnwrap(money["start"] as? Int)
        let focused = try browser.load("\(base)/articles/\(id)#at-\(start)", screenshot: "article-focus", height: 2600)
        let tip = try XCTUnwrap(DOM.elements(focused, tag: "div", containing: "id=\"entity-tip\"").first)
        XCTAssertEqual(tip.attributes["role"], "tooltip")
        XCTAssertFalse(tip.attributes["class"]!.contains("hidden"), "the tooltip is shown")
        XCTAssertEqual(tip.text, "€276 million Money · 276000000 EUR")
        let described = DOM.elements(focused, tag: "mark", containing: "aria-describedby=\"entity-tip\"")
        XCTAssertEqual(described.map(Self.markText), ["€276 million"])
        try updateReadmeScreenshot("article-focus")
    }

    func testMarkupInAnArticleIsTextAndOffsetsCountCodePoints() throws {
        let id = try postHostile()
        let dom = try browser.load("\(base)/articles/\(id)", screenshot: "article-markup")
        XCTAssertTrue(dom.contains("data-ready=\"article\""), "the page's script did not finish")
        let body = try XCTUnwrap(DOM.elements(dom, tag: "body").first)
        XCTAssertNil(body.attributes["data-pwned"], "markup from the article ran")
        XCTAssertFalse(dom.contains("<img src=\"x\""), "markup from the article became an element")
        let scripts = DOM.elements(dom, tag: "script")
        XCTAssertTrue(scripts.allSatisfy { $0.attributes["src"]?.hasPrefix("/ui/") == true && $0.inner.isEmpty }, "only the page's own scripts")
        let text = try XCTUnwrap(DOM.elements(dom, tag: "article", containing: "id=\"article-text\"").first)
        XCTAssertTrue(text.inner.contains("&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;"))
        XCTAssertEqual(DOM.elements(dom, tag: "h1").first?.text, Self.hostileTitle)
        XCTAssertTrue(dom.contains("<title>\(DOM.elements(dom, tag: "title").first!.inner)</title>"))
        XCTAssertFalse(DOM.elements(dom, tag: "title").first!.text.hasPrefix("pwned"))

        // After seven astral characters, every mark still holds exactly its mention's text.
        let marks = DOM.elements(text.inner, tag: "mark", containing: "class=\"ent ")
        let expected = try apiMentions(id)
        XCTAssertEqual(marks.map(Self.markText).sorted(), expected.map(\.text).sorted())
        XCTAssertTrue(marks.contains { Self.markText($0) == "Jens Stoltenberg" && $0.attributes["data-type"] == "person" })
        XCTAssertTrue(marks.contains { Self.markText($0) == "£7 million" && $0.attributes["data-value"] == "7000000 GBP" })
    }

    func testFiguresFilterNarrowsTheTable() throws {
        _ = try postSeed()
        _ = try postHostile()
        func amounts(_ dom: String) -> [String] {
            XCTAssertTrue(dom.contains("data-ready=\"figures\""), "the page's script did not finish")
            return DOM.elements(dom, tag: "td", containing: "class=\"num\"").map { $0.attributes["data-amount"] ?? "?" }
        }
        let all = amounts(try browser.load("\(base)/figures", screenshot: "figures"))
        let api = try XCTUnwrap(try client.get("/v1/figures").json["figures"] as? [[String: Any]]).map { "\($0["amount"]!)" }
        XCTAssertEqual(all, api)
        XCTAssertEqual(all.count, 4)

        let query = "currency=EUR&min_amount=1000000000"
        let dom = try browser.load("\(base)/figures?\(query)", screenshot: "figures-filtered")
        XCTAssertEqual(amounts(dom), ["55000000000", "5000000000"])
        // The sum is marked inside its sentence, and the CSV link asks the same question.
        let sums = DOM.elements(dom, tag: "mark", containing: "class=\"sum\"").map(\.text)
        XCTAssertEqual(sums, ["€55 billion", "€5 billion"])
        let csv = try XCTUnwrap(DOM.elements(dom, tag: "a", containing: "id=\"csv-link\"").first)
        XCTAssertEqual(csv.attributes["href"], "/v1/figures?\(query)&format=csv")

        let ascending = amounts(try browser.load("\(base)/figures?sort=amount&currency=EUR", screenshot: "figures-sorted"))
        XCTAssertEqual(ascending, ["276000000", "5000000000", "55000000000"])
        try updateReadmeScreenshot("figures-filtered")
    }

    func testListSubmitAndEntityPages() throws {
        let seed = try postSeed()
        let hostile = try postHostile()
        let list = try browser.load("\(base)/articles", screenshot: "articles")
        XCTAssertTrue(list.contains("data-ready=\"articles\""))
        XCTAssertEqual(DOM.elements(list, tag: "li", containing: "data-article-id").map { $0.attributes["data-article-id"]! }, [hostile, seed],
                       "newest first")

        // Full-text search where the API has it; a clear message where it does not.
        let search = try browser.load("\(base)/articles?q=Stoltenberg", screenshot: "articles-search")
        if try client.get("/v1/articles?q=Stoltenberg").status == 200 {
            XCTAssertTrue(search.contains("data-ready=\"articles\""))
        } else {
            XCTAssertTrue(search.contains("no full-text search"), "a message, not an empty list")
        }

        let submit = try browser.load("\(base)/", screenshot: "submit", waitForScript: false)
        for field in ["text", "title", "published_at", "source", "store"] {
            XCTAssertTrue(submit.contains("<label for=\"\(field)\""), "field \(field) has a label")
        }

        // The entity page of the seed's Jens Stoltenberg once entities have ids; until then, a message.
        let entities = try XCTUnwrap(try client.get("/v1/articles/\(seed)/entities?type=person").json["entities"] as? [[String: Any]])
        let jens = try XCTUnwrap(entities.first { $0["name"] as? String == "Jens Stoltenberg" })
        if let entityID = jens["entity_id"] as? String {
            let page = try browser.load("\(base)/entities/\(entityID)", screenshot: "entity")
            XCTAssertTrue(page.contains("data-ready=\"entity\""))
            XCTAssertTrue(DOM.elements(page, tag: "h1").first?.text.hasPrefix("Jens Stoltenberg") == true)
            XCTAssertTrue(DOM.elements(page, tag: "li").contains { $0.text.contains("Running out") })
        } else {
            let page = try browser.load("\(base)/entities/ent_0000000000000000", screenshot: "entity")
            XCTAssertTrue(page.contains("data-ready=\"entity\""))
            XCTAssertTrue(page.contains("this service knows no entity ent_0000000000000000"))
        }
    }

    /// With `UPDATE_SCREENSHOTS=1`, the README's picture is replaced by the one just taken.
    func updateReadmeScreenshot(_ name: String) throws {
        guard ProcessInfo.processInfo.environment["UPDATE_SCREENSHOTS"] == "1" else { return }
        let folder = ServiceFixture.packageRoot.appendingPathComponent("docs/screenshots")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(name + ".png")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: HeadlessChromium.outputFolder.appendingPathComponent(name + ".png"), to: target)
    }
}
