import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

final class EntitySummaryTests: StoreTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        func stoltenberg(_ name: String, at starts: [Int]) -> Entity {
            var entity = Fixtures.person("Jens Stoltenberg", at: starts)
            entity.name = name
            return entity
        }
        try insert("one", published: "2024-01-01", extraction: Fixtures.extraction([
            stoltenberg("Jens Stoltenberg", at: [0, 40]), Fixtures.named(.organisation, "European Union", at: 20),
            Fixtures.named(.place, "Ukraine", at: 60),
        ]))
        var ukraine = Fixtures.named(.place, "Ukraine", at: 10)
        ukraine.mentions += [Mention(start: 30, end: 37, text: "Ukraine"), Mention(start: 50, end: 57, text: "Ukraine")]
        try insert("two", published: "2024-01-02", extraction: Fixtures.extraction([ukraine, stoltenberg("Jens Stoltenberg", at: [80])]))
        try insert("three", published: "2024-01-03", extraction: Fixtures.extraction([
            Fixtures.named(.place, "Ukraine", at: 0), stoltenberg("J. Stoltenberg", at: [20]),
            Fixtures.named(.organisation, "Ukraine", at: 40),
        ]))
    }

    private func rows(type: EntityType? = nil, query: String? = nil, limit: Int = 50) throws -> [String] {
        var out: [String] = []
        var cursor: String?
        repeat {
            let page = try store.entitySummaries(type: type, query: query, limit: limit, cursor: cursor)
            out += page.items.map { "\($0.key)/\($0.type.rawValue) \($0.name) \($0.articleCount) \($0.mentionCount)" }
            cursor = page.nextCursor
        } while cursor != nil && out.count < 50
        return out
    }

    func testCountsAndOrder() throws {
        let all = [
            "jens stoltenberg/person Jens Stoltenberg 3 4",
            "ukraine/place Ukraine 3 5",
            "european union/organisation European Union 1 1",
            "ukraine/organisation Ukraine 1 1",
        ]
        XCTAssertEqual(try rows(), all)
        XCTAssertEqual(try rows(limit: 1), all, "paginated one by one")
        XCTAssertEqual(try rows(limit: 3), all)
    }

    func testFilters() throws {
        XCTAssertEqual(try rows(type: .place), ["ukraine/place Ukraine 3 5"])
        XCTAssertEqual(try rows(type: .organisation), ["european union/organisation European Union 1 1", "ukraine/organisation Ukraine 1 1"])
        XCTAssertEqual(try rows(query: "STOLT"), ["jens stoltenberg/person Jens Stoltenberg 3 4"])
        // A prefix of the canonical name, or of the key's last word; never the middle of a word.
        XCTAssertEqual(try rows(query: "jens st"), ["jens stoltenberg/person Jens Stoltenberg 3 4"])
        XCTAssertEqual(try rows(query: "tolt"), [])
        XCTAssertEqual(try rows(query: "union"), ["european union/organisation European Union 1 1"])
        XCTAssertEqual(try rows(type: .organisation, query: "ukr"), ["ukraine/organisation Ukraine 1 1"])
        XCTAssertEqual(try rows(query: "100%_"), [])
    }

    func testCountsFollowDeletes() throws {
        let three = try XCTUnwrap(try store.articles(ArticleListQuery()).items.first)
        XCTAssertEqual(three.text, "three")
        XCTAssertTrue(try store.deleteArticle(id: three.id))
        XCTAssertEqual(try rows(), [
            "jens stoltenberg/person Jens Stoltenberg 2 3",
            "ukraine/place Ukraine 2 4",
            "european union/organisation European Union 1 1",
        ])
    }

    func testNamesSeenAndEverySortPaginate() throws {
        let first = try XCTUnwrap(try store.entitySummaries(type: .person, query: nil, limit: 5, cursor: nil).items.first)
        XCTAssertEqual(first.names, ["Jens Stoltenberg", "J. Stoltenberg"], "most mentioned first")
        XCTAssertEqual(first.id, ArchiveIdentity.id(type: .person, key: "jens stoltenberg"))
        for sort in EntitySort.allCases {
            var all: [String] = []
            var cursor: String?
            repeat {
                let page = try store.entitySummaries(type: nil, query: nil, sort: sort, limit: 1, cursor: cursor)
                all += page.items.map(\.name)
                cursor = page.nextCursor
            } while cursor != nil && all.count < 10
            let expected: [EntitySort: [String]] = [
                .articles: ["Jens Stoltenberg", "Ukraine", "European Union", "Ukraine"],
                .mentions: ["Ukraine", "Jens Stoltenberg", "European Union", "Ukraine"],
                .name: ["European Union", "Jens Stoltenberg", "Ukraine", "Ukraine"],
            ]
            XCTAssertEqual(all, expected[sort], sort.rawValue)
        }
    }

    func testInvalidCursor() {
        XCTAssertThrowsError(try store.entitySummaries(type: nil, query: nil, limit: 1, cursor: "bogus")) {
            XCTAssertEqual($0 as? StoreError, .invalidCursor)
        }
    }
}
