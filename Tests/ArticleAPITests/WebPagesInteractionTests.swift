import Foundation
import XCTest
import ArticleAPI

/// The pages used as a reader uses them, in headless Chromium over the DevTools protocol:
/// typing into the submit form, moving through mentions with Tab, filtering figures with
/// the form, and entering a token when the service asks for one.
final class WebPagesInteractionTests: XCTestCase {
    var fixture: ServiceFixture?
    override func tearDown() { fixture?.tearDown() }

    func start(_ configure: (inout ServiceConfiguration) -> Void = { _ in }) throws -> (ChromiumSession, LiveClient, String) {
        _ = try HeadlessChromium.find()
        var c = ServiceConfiguration()
        configure(&c)
        let f = try ServiceFixture(configuration: c)
        fixture = f
        let client = try f.live()
        return (try ChromiumSession.shared(for: Self.self), client, "http://127.0.0.1:\(f.port)")
    }
    override class func tearDown() {
        ChromiumSession.endShared(for: self)
        super.tearDown()
    }

    static let text = "🎉 NATO chief Jens Stoltenberg said on Thursday that Germany pledged €2 billion."

    /// Fills the submit form with keystrokes.
    func fill(_ page: ChromiumSession, store: Bool) throws {
        try page.evaluate("document.getElementById('text').focus()")
        try page.type(Self.text)
        try page.evaluate("document.getElementById('title').focus()")
        try page.type("Typed <b>in</b>")
        try page.evaluate("document.getElementById('published_at').value = '2024-03-14'")
        if !store { try page.evaluate("document.getElementById('store').click()") }
    }

    func testSubmitFormStoresTheArticleAndOpensItsPage() throws {
        let (page, client, base) = try start()
        try page.navigate(base + "/")
        try page.wait(for: "document.getElementById('submit-form')", "the form")
        try fill(page, store: true)
        try page.evaluate("document.getElementById('submit-button').click()")
        try page.wait(for: "document.getElementById('status') && document.getElementById('status').dataset.ready === 'article'", "the article page")
        let id = try page.string("location.pathname").replacingOccurrences(of: "/articles/", with: "")
        let stored = try client.get("/v1/articles/\(id)")
        XCTAssertEqual(stored.status, 200)
        XCTAssertEqual(stored.json["title"] as? String, "Typed <b>in</b>")
        XCTAssertEqual(stored.json["text"] as? String, Self.text)
        XCTAssertEqual(try page.string("document.getElementById('title').textContent"), "Typed <b>in</b>")
        let marks = try page.string("JSON.stringify([...document.querySelectorAll('mark.ent')].map(m => m.dataset.type + ':' + m.firstChild.textContent + ':' + (m.dataset.value || '')))")
        XCTAssertTrue(marks.contains("person:Jens Stoltenberg:"), marks)
        XCTAssertTrue(marks.contains("money:€2 billion:2000000000 EUR"), marks)
        try page.screenshot("submitted")
    }

    func testExtractOnlyShowsWhatItFindsAndStoresNothing() throws {
        let (page, client, base) = try start()
        try page.navigate(base + "/")
        try page.wait(for: "document.getElementById('submit-form')", "the form")
        try fill(page, store: false)
        try page.evaluate("document.getElementById('submit-button').click()")
        try page.wait(for: "!document.getElementById('result').classList.contains('hidden')", "the result")
        XCTAssertEqual(try page.string("location.pathname"), "/")
        XCTAssertEqual(try page.string("[...document.querySelectorAll('#result-text mark.ent[data-type=money]')].map(m => m.dataset.value).join()"), "2000000000 EUR")
        XCTAssertEqual(try client.get("/v1/articles").json["articles"] as? [Any] as? [NSObject], [])
        try page.screenshot("extracted")
    }

    func testTabReachesEachMentionAndShowsItsValue() throws {
        let (page, client, base) = try start()
        let id = try XCTUnwrap(try client.postJSON("/v1/articles", ["text": Self.text, "published_at": "2024-03-14"]).json["id"] as? String)
        try page.navigate(base + "/articles/\(id)")
        try page.wait(for: "document.getElementById('status').dataset.ready === 'article'", "the article")
        var reached: [String] = []
        for _ in 0..<40 where reached.count < 5 {
            try page.press("Tab", code: 9)
            guard try page.evaluate("document.activeElement.matches('mark.ent')") as? Bool == true else { continue }
            reached.append(try page.string("document.activeElement.firstChild.textContent + ' → ' + document.getElementById('entity-tip').textContent + (document.getElementById('entity-tip').classList.contains('hidden') ? ' (hidden)' : '')"))
        }
        XCTAssertEqual(reached, ["NATO → NATO Organisation", "Jens Stoltenberg → Jens Stoltenberg Person",
                                 "Thursday → Thursday Date · 2024-03-14", "Germany → Germany Place",
                                 "€2 billion → €2 billion Money · 2000000000 EUR"])
        try page.press("Escape", code: 27)
        XCTAssertEqual(try page.evaluate("document.getElementById('entity-tip').classList.contains('hidden')") as? Bool, true)
    }

    func testFiguresFormNarrowsTheTable() throws {
        let (page, client, base) = try start()
        XCTAssertEqual(try client.postJSON("/v1/articles", ["text": "The EU pledged €5 billion and Britain £7 million; Japan added ¥3 billion.", "published_at": "2024-03-14"]).status, 201)
        try page.navigate(base + "/figures")
        try page.wait(for: "document.getElementById('status').dataset.ready === 'figures'", "the figures")
        XCTAssertEqual(try page.evaluate("document.querySelectorAll('#rows tr').length") as? Int, 3)
        try page.evaluate("document.getElementById('currency').focus()")
        try page.type("eur")
        try page.press("Enter", code: 13)
        try page.wait(for: "location.search === '?currency=EUR' && document.getElementById('status').dataset.ready === 'figures'", "the filtered table")
        XCTAssertEqual(try page.string("[...document.querySelectorAll('#rows td.num')].map(t => t.dataset.amount).join()"), "5000000000")
        XCTAssertEqual(try page.string("document.getElementById('currency').value"), "EUR")
        XCTAssertEqual(try page.string("document.getElementById('csv-link').getAttribute('href')"), "/v1/figures?currency=EUR&format=csv")

        // The CSV where the API makes it; where it does not, its refusal as a message.
        try page.evaluate("document.getElementById('csv-link').click()")
        try page.wait(for: "document.getElementById('csv-link').dataset.downloaded || document.querySelector('#csv-status .problem')", "the CSV")
        let csv = try client.get("/v1/figures?currency=EUR&format=csv")
        if csv.status == 200 {
            XCTAssertEqual(try page.string("document.getElementById('csv-link').dataset.downloaded"), String(csv.text.utf16.count))
        } else {
            XCTAssertTrue(try page.string("document.getElementById('csv-status').textContent").contains("The CSV could not be made"))
        }
    }

    func testTokenBoxWhenTheServiceAsksForOne() throws {
        let token = "web-token-0123456789abcdef"
        let (page, client, base) = try start { $0.apiTokens = [token]; $0.authReads = true }
        let posted = try client.send("POST", "/v1/articles", headers: [("Content-Type", "text/plain"), ("Authorization", "Bearer \(token)")],
                                     body: Array("NATO met in Brussels on Thursday.".utf8))
        XCTAssertEqual(posted.status, 201)
        try page.navigate(base + "/articles")
        try page.wait(for: "document.querySelector('.problem')", "the refusal")
        XCTAssertTrue(try page.string("document.querySelector('.problem').textContent").contains("needs an access token"))
        XCTAssertEqual(try page.evaluate("document.getElementById('token-box').open") as? Bool, true, "the token box opens by itself")
        try page.evaluate("document.getElementById('token').focus()")
        try page.type(token)
        try page.press("Enter", code: 13)
        try page.wait(for: "document.getElementById('status') && document.getElementById('status').dataset.ready === 'articles'", "the list with the token")
        XCTAssertEqual(try page.evaluate("document.querySelectorAll('[data-article-id]').length") as? Int, 1)
        XCTAssertEqual(try page.string("sessionStorage.getItem('article-entities-token')"), token)
    }

    /// The fields the ledger adds (issue 10's contract) are drawn when the API gives them:
    /// the sum marked at its sentence offsets (code points, the same words twice in the
    /// sentence, an emoji first), the date read from the sentence, links to entity pages.
    func testLedgerFieldsOfTheContractAreDrawn() throws {
        let (page, _, base) = try start()
        try page.navigate(base + "/figures")
        try page.wait(for: "document.getElementById('status').dataset.ready === 'figures'", "the figures page")
        let cells = try page.string("""
            (() => {
              const row = FiguresTable.row({ id: 9, amount: 5000000000, currency: 'EUR', text: '€5 billion', start: 118, end: 128,
                sentence: '😀 €5 billion, not €5 billion.', sentence_start: 100,
                date: { date: '2024-03-13', grain: 'day', source: 'sentence', text: 'Wednesday' },
                article: { id: 'art_1', title: 'T', published_at: '2024-03-14' } });
              const sentence = row.querySelector('td.sentence');
              return JSON.stringify([sentence.firstChild.textContent, sentence.querySelector('mark').textContent,
                row.children[3].textContent, row.querySelector('a.in-text').getAttribute('href')]);
            })()
            """)
        XCTAssertEqual(cells, #"["😀 €5 billion, not ","€5 billion","2024-03-13in the sentence: “Wednesday”","/articles/art_1#at-118"]"#)

        try page.navigate(base + "/articles/art_none")
        try page.wait(for: "document.querySelector('.problem')", "the missing article")
        XCTAssertTrue(try page.string("document.querySelector('.problem').textContent").contains("no article with id art_none"))
        let links = try page.string("""
            JSON.stringify([...Highlight.entityList([
              { type: 'person', name: 'Jens Stoltenberg', key: 'jens stoltenberg', entity_id: 'ent_0123456789abcdef', mentions: [{ start: 0, end: 4 }, { start: 9, end: 13 }] },
              { type: 'money', name: '€276 million', key: '276000000 EUR', value: { amount: 276000000, currency: 'EUR' }, mentions: [{ start: 20, end: 32 }] },
              { type: 'date', name: 'Thursday', key: '2024-03-14', value: { date: '2024-03-14', grain: 'day' }, mentions: [{ start: 40, end: 48 }] },
            ]).querySelectorAll('li')].map(li => li.querySelector('a').getAttribute('href') + ' ' + li.textContent))
            """)
        XCTAssertEqual(links, #"["/entities/ent_0123456789abcdef Jens Stoltenberg2 mentions","/figures?currency=EUR&min_amount=276000000&max_amount=276000000 €276 million (276000000 EUR)1 mention","/articles?entity=2024-03-14 Thursday (2024-03-14)1 mention"]"#)
    }

    /// 400% zoom of a 1280-pixel window is a 320-pixel viewport: every page reflows into it
    /// with no sideways scrolling.
    func testEveryPageFitsA320PixelViewport() throws {
        let (page, client, base) = try start()
        let id = try XCTUnwrap(try client.postJSON("/v1/articles", ["text": "NATO chief Jens Stoltenberg said on Thursday that the 28th Separate Mechanised Brigade needs €276 million.", "published_at": "2024-03-14"]).json["id"] as? String)
        for (name, path, waits) in [("submit", "/", false), ("articles", "/articles", true), ("article", "/articles/\(id)", true),
                                    ("figures", "/figures", true), ("entity", "/entities/ent_0000000000000000", true)] {
            _ = try page.load(base + path, screenshot: "narrow-" + name, width: 320, height: 900, waitForScript: waits)
            // clientWidth is the viewport less a vertical scroll bar.
            let overflow = try page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int
            XCTAssertEqual(overflow, 0, "\(path) scrolls sideways at 320 px")
        }
    }

    /// The API's cursor, page by page: Next follows `next_cursor`, the last page has no Next.
    func testPagesFollowTheCursor() throws {
        let (page, client, base) = try start()
        for (i, day) in ["2024-03-12", "2024-03-13", "2024-03-14"].enumerated() {
            XCTAssertEqual(try client.postJSON("/v1/articles", ["text": "NATO pledged €\(i + 1) billion.", "title": "Day \(day)", "published_at": day]).status, 201)
        }
        func figures() throws -> String { try page.string("[...document.querySelectorAll('#rows td.num')].map(t => t.dataset.amount).join()") }
        func next() throws -> Bool { try page.evaluate("Boolean(document.querySelector('#pager a[rel=next]'))") as? Bool ?? false }
        _ = try page.load(base + "/figures?limit=2", screenshot: "figures-page-1")
        XCTAssertEqual(try figures(), "3000000000,2000000000")
        XCTAssertTrue(try next())
        try page.evaluate("document.querySelector('#pager a[rel=next]').click()")
        try page.wait(for: "location.search.includes('cursor=') && document.getElementById('status').dataset.ready === 'figures'", "page 2")
        XCTAssertEqual(try figures(), "1000000000")
        XCTAssertFalse(try next())
        XCTAssertEqual(try page.string("document.getElementById('csv-link').getAttribute('href')"), "/v1/figures?format=csv")

        _ = try page.load(base + "/articles?limit=2", screenshot: "articles-page-1")
        XCTAssertEqual(try page.string("[...document.querySelectorAll('#list a')].map(a => a.textContent).join()"), "Day 2024-03-14,Day 2024-03-13")
        try page.evaluate("document.querySelector('#pager a[rel=next]').click()")
        try page.wait(for: "location.search.includes('cursor=') && document.getElementById('status').dataset.ready === 'articles'", "page 2")
        XCTAssertEqual(try page.string("[...document.querySelectorAll('#list a')].map(a => a.textContent).join()"), "Day 2024-03-12")
        XCTAssertFalse(try next())
        XCTAssertTrue(try page.evaluate("Boolean([...document.querySelectorAll('#pager a')].find(a => a.textContent === 'First page'))") as? Bool ?? false)
    }
}
