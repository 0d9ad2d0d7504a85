import XCTest
@testable import ArticleAPI

/// `/metrics` shows how many log lines standard error could not take.
final class ServiceMetricsLogTests: XCTestCase {
    func testDroppedLogLinesAreRendered() {
        XCTAssertTrue(ServiceMetrics().render(articlesStored: 0).contains("\narticle_entities_log_lines_dropped_total 0\n"))
        let text = ServiceMetrics(logLinesDropped: { 7 }).render(articlesStored: 0)
        XCTAssertTrue(text.contains("# TYPE article_entities_log_lines_dropped_total counter\n"), text)
        XCTAssertTrue(text.contains("\narticle_entities_log_lines_dropped_total 7\n"), text)
    }
}
