import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// An archive entity's articles when one article has two entities that join it (a full name
/// and the surname alone): the article is listed once, and pages are full, on either store.
final class EntityArticlesTests: StoreTestCase {
    func testAnArticleWithTwoEntitiesOfOneArchiveEntityIsListedOnceAndPagesStayFull() throws {
        try insert("Donald Trump.", published: "2024-01-01", extraction: Fixtures.extraction([Fixtures.person("Donald Trump", at: [0])]))
        var ids: [String] = []
        for i in 1...4 {
            let extraction = Fixtures.extraction([Fixtures.person("Donald Trump", at: [0]), Fixtures.person("Trump", at: [20])])
            ids.append(try insert("article \(i)", published: "2024-01-0\(i + 1)", extraction: extraction).id)
        }
        let trump = ArchiveIdentity.id(type: .person, key: "donald trump")
        let entities = try XCTUnwrap(try store.entitiesWithArchiveIDs(articleID: ids[0], type: nil))
        XCTAssertEqual(entities.map(\.archiveID), [trump, trump], "both entities join the full name")

        var pages: [[String]] = [], cursor: String?
        repeat {
            let page = try XCTUnwrap(try store.entityArticles(id: trump, limit: 2, cursor: cursor))
            pages.append(page.items.map(\.id))
            cursor = page.nextCursor
        } while cursor != nil
        XCTAssertEqual(pages.count, 3)
        XCTAssertEqual(pages.prefix(2).flatMap { $0 }, Array(ids.reversed()))
        XCTAssertEqual(pages[2].count, 1)
        XCTAssertEqual(try XCTUnwrap(try store.entityDetail(id: trump, recent: 3)).recentArticles.map(\.id), Array(ids.reversed().prefix(3)))
    }
}
