import XCTest
@testable import ArticleStore
final class ArticleStorePlaceholderTests: XCTestCase { func testModuleLoads() { XCTAssertTrue(true) } }
