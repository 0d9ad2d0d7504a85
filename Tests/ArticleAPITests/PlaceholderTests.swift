import XCTest
@testable import ArticleAPI
final class ArticleAPIPlaceholderTests: XCTestCase { func testModuleLoads() { XCTAssertTrue(true) } }
