import EntityExtraction
import XCTest
@testable import ArticleStore

/// Finding an article already stored before extracting it again.
final class ExistingArticleTests: StoreTestCase {
    func testFindsOnlyTheSameTextWithTheSameMetadata() throws {
        let stored = try insert("The same words.", title: "T", published: "2024-03-14")
        let same = NewArticle(text: "The same words.", title: "T", publishedAt: day("2024-03-14"))
        XCTAssertEqual(try store.existing(same)?.id, stored.id)
        XCTAssertNil(try store.existing(NewArticle(text: "The same words.", title: "U", publishedAt: day("2024-03-14"))))
        XCTAssertNil(try store.existing(NewArticle(text: "The same words.", title: "T", publishedAt: day("2024-03-15"))))
        XCTAssertNil(try store.existing(NewArticle(text: "Other words.", title: "T", publishedAt: day("2024-03-14"))))
        XCTAssertEqual(try store.existing(NewArticle(text: "The same words.", title: "T", url: "", publishedAt: day("2024-03-14")))?.id,
                       stored.id, "an empty url is no url")
    }
}
