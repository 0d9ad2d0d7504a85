import Foundation
import XCTest
import ArticleAPI
import ArticleStore
import EntityExtraction

/// Two articles that name the same people and sums in different ways (`Donald Trump` …
/// `Trump's`, `$2 billion` … `$2bn`), through the real extractor and a live socket: one
/// archive entity per person, figures with their sentence, entities and date, totals, CSV.
final class LedgerEndToEndTests: XCTestCase {
    var fixture: ServiceFixture!
    var client: LiveClient!

    static let first = "Donald Trump said on Tuesday that the United States would send $2 billion in military aid to Ukraine. "
        + "Volodymyr Zelensky thanked Donald Trump for the money. The European Union promised a further €500 million last month."
    static let second = "Officials said Trump's envoy would send $2bn to Ukraine on Monday. "
        + "On Tuesday, Zelensky said the €0.5 billion promised by the EU had not arrived."

    override func setUpWithError() throws {
        fixture = try ServiceFixture()
        client = try fixture.live()
    }

    override func tearDown() { fixture.tearDown() }

    private func post(_ text: String, day: String, title: String) throws -> String {
        let r = try client.postJSON("/v1/articles", ["text": text, "published_at": day, "title": title])
        XCTAssertEqual(r.status, 201, r.text)
        return try XCTUnwrap(r.json["id"] as? String)
    }

    private func json(_ target: String, status: Int = 200, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let r = try client.get(target)
        XCTAssertEqual(r.status, status, "\(target): \(r.text)", file: file, line: line)
        return r.json
    }

    private func figures(_ target: String) throws -> [[String: Any]] {
        try json(target)["figures"] as? [[String: Any]] ?? []
    }

    func testOneIdentityAcrossArticlesAndFiguresWithContext() throws {
        let a = try post(Self.first, day: "2024-03-14", title: "Aid, \"first\"")
        let b = try post(Self.second, day: "2024-03-20", title: "Second")
        let trump = ArchiveIdentity.id(type: .person, key: "donald trump")
        let zelensky = ArchiveIdentity.id(type: .person, key: "volodymyr zelensky")

        // The second article names them by surname only (one with a possessive): both join.
        let entities = try json("/v1/articles/\(b)/entities?type=person")["entities"] as? [[String: Any]] ?? []
        XCTAssertEqual(entities.map { "\($0["key"]!) \($0["entity_id"]!)" }, ["trump \(trump)", "zelensky \(zelensky)"])

        let detail = try json("/v1/entities/\(trump)")
        XCTAssertEqual(detail["name"] as? String, "Donald Trump")
        XCTAssertEqual(detail["names"] as? [String], ["Donald Trump", "Trump"])
        XCTAssertEqual(detail["article_count"] as? Int, 2)
        XCTAssertEqual(detail["mention_count"] as? Int, 3)
        XCTAssertEqual(detail["first_seen"] as? String, "2024-03-14")
        XCTAssertEqual(detail["last_seen"] as? String, "2024-03-20")
        XCTAssertEqual((detail["recent_articles"] as? [[String: Any]])?.map { $0["id"] as? String }, [b, a])
        _ = try json("/v1/entities/ent_0000000000000000", status: 404)

        let listed = try json("/v1/entities?type=person&q=trump")["entities"] as? [[String: Any]] ?? []
        XCTAssertEqual(listed.map { $0["id"] as? String }, [trump])
        let articles = try json("/v1/entities/\(trump)/articles?limit=1")
        XCTAssertEqual((articles["articles"] as? [[String: Any]])?.map { $0["id"] as? String }, [b])
        let cursor = try XCTUnwrap(articles["next_cursor"] as? String)
        XCTAssertEqual((try json("/v1/entities/\(trump)/articles?limit=1&cursor=\(cursor)")["articles"] as? [[String: Any]])?
            .map { $0["id"] as? String }, [a])

        // Figures whose sentence names him: one per article, each with its sentence's date.
        let his = try figures("/v1/entities/\(trump)/figures?sort=published_at")
        XCTAssertEqual(his.map { "\($0["text"]!) \($0["amount"]!) \($0["currency"]!)" }, ["$2 billion 2000000000 USD", "$2bn 2000000000 USD"])
        let firstSentence = String(Self.first.prefix(while: { $0 != "." })) + "."
        XCTAssertEqual(his[0]["sentence"] as? String, firstSentence)
        XCTAssertEqual(his[0]["sentence_start"] as? Int, 0)
        XCTAssertEqual(his[0]["sentence_end"] as? Int, firstSentence.unicodeScalars.count)
        XCTAssertEqual((his[0]["sentence_entities"] as? [[String: Any]])?.map { $0["name"] as? String },
                       ["Donald Trump", "United States", "Ukraine"])
        // `said on Tuesday` in a story of Thursday 2024-03-14: the Tuesday of the saying, before it
        XCTAssertEqual(his[0]["date"] as? [String: String], ["date": "2024-03-12", "grain": "day", "source": "sentence", "text": "Tuesday"])
        XCTAssertEqual(his[1]["date"] as? [String: String], ["date": "2024-03-25", "grain": "day", "source": "sentence", "text": "Monday"])
        // The Union's sum of last month: a month-grain date from its sentence.
        // Equal amounts: the default -amount sort lists the later figure (higher id) first.
        let eu = try figures("/v1/figures?entity=European%20Union&currency=EUR")
        XCTAssertEqual(eu.map { $0["text"] as? String }, ["€0.5 billion", "€500 million"])
        XCTAssertEqual(eu.last?["date"] as? [String: String], ["date": "2024-02", "grain": "month", "source": "sentence", "text": "last month"])

        // `entity` takes the id, the full name or the surname alike; scope=article widens it.
        for entity in [trump, "Donald%20Trump", "Trump"] {
            XCTAssertEqual(try figures("/v1/figures?entity=\(entity)").count, 2, entity)
        }
        XCTAssertEqual(try figures("/v1/figures?entity=Trump&scope=article").count, 4)
        XCTAssertEqual(try figures("/v1/figures?entity=\(zelensky)&currency=EUR").map { $0["text"] as? String }, ["€0.5 billion"])
        XCTAssertEqual(try figures("/v1/figures?since=2024-03-20").map { $0["text"] as? String }, ["$2bn"], "dated by its sentence")
        XCTAssertEqual(try figures("/v1/figures?q=military%20aid").map { $0["text"] as? String }, ["$2 billion"])

        let byEntity = try json("/v1/figures/summary?group_by=entity")["groups"] as? [[String: Any]] ?? []
        let trumpGroups = byEntity.filter { $0["group"] as? String == trump }
        XCTAssertEqual(trumpGroups.map { "\($0["name"]!) \($0["currency"]!) \($0["count"]!) \($0["total"]!)" },
                       ["Donald Trump USD 2 4000000000"])
        let byCurrency = try json("/v1/figures/summary?group_by=currency")["groups"] as? [[String: Any]] ?? []
        XCTAssertEqual(byCurrency.map { "\($0["group"]!) \($0["count"]!) \($0["total"]!) \($0["min"]!) \($0["max"]!)" },
                       ["EUR 2 1000000000 500000000 500000000", "USD 2 4000000000 2000000000 2000000000"])

        // Deleting the first article takes it out of every count and total.
        XCTAssertEqual(try client.delete("/v1/articles/\(a)").status, 204)
        let after = try json("/v1/entities/\(trump)")
        XCTAssertEqual(after["article_count"] as? Int, 1)
        XCTAssertEqual(after["first_seen"] as? String, "2024-03-20")
        XCTAssertEqual(after["names"] as? [String], ["Trump"])
        XCTAssertEqual(after["name"] as? String, "Trump", "no article gives the full name any more")
        let left = try json("/v1/figures/summary?group_by=currency")["groups"] as? [[String: Any]] ?? []
        XCTAssertEqual(left.map { "\($0["group"]!) \($0["count"]!) \($0["total"]!)" }, ["EUR 1 500000000", "USD 1 2000000000"])
        _ = try json("/v1/entities/\(zelensky)")
    }

    /// The CSV of the figures, fetched and parsed by Python's csv module over the live socket.
    func testCSVParsesBackWithARealReader() throws {
        let a = try post(Self.first, day: "2024-03-14", title: "Aid, \"first\"")
        _ = try post(Self.second, day: "2024-03-20", title: "Second")
        let r = try client.send("GET", "/v1/figures?sort=amount", headers: [("Accept", "text/csv")], body: [])
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.headers["content-type"], "text/csv; charset=utf-8; header=present")

        let script = """
            import csv, io, json, sys, urllib.request
            body = urllib.request.urlopen(sys.argv[1]).read().decode("utf-8")
            print(json.dumps(list(csv.reader(io.StringIO(body, newline="")))))
            """
        let rows = try Self.python(script, "http://127.0.0.1:\(fixture.port)/v1/figures?sort=amount&format=csv")
        let json = try figures("/v1/figures?sort=amount")
        XCTAssertEqual(rows.first, ["id", "article_id", "article_title", "published_at", "amount", "currency", "currency_resolution",
                                    "currency_evidence", "qualifier", "min", "max", "text", "start", "end", "sentence", "sentence_start",
                                    "sentence_end", "date", "date_from", "date_to", "date_grain", "date_source", "date_text",
                                    "entity_ids", "entity_names"])
        XCTAssertEqual(rows.count, json.count + 1, "a header and one line per figure")
        for (row, figure) in zip(rows.dropFirst(), json) {
            XCTAssertEqual(row[0], "\(figure["id"]!)")
            XCTAssertEqual(row[4], "\(figure["amount"]!)")
            XCTAssertEqual(row[11], figure["text"] as? String)
            XCTAssertEqual(row[14], figure["sentence"] as? String)
            XCTAssertEqual(row[24], (figure["sentence_entities"] as? [[String: Any]])?.compactMap { $0["name"] as? String }.joined(separator: "; "))
        }
        let fromA = rows.dropFirst().filter { $0[1] == a }
        XCTAssertEqual(fromA.map { $0[2] }, ["Aid, \"first\"", "Aid, \"first\""], "comma and quotes survive the quoting")
        XCTAssertEqual(try client.get("/v1/figures?format=xml").status, 400)
    }

    static func python(_ script: String, _ argument: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, argument]
        let out = Pipe()
        process.standardOutput = out
        do { try process.run() } catch { throw XCTSkip("python3 is needed to parse the CSV: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return try JSONSerialization.jsonObject(with: data) as? [[String]] ?? []
    }
}
