import XCTest
@testable import HTTPServer

final class ConnectionTimerTests: XCTestCase {
    func testDeadlinesNeverOverflow() {
        XCTAssertEqual(ConnectionTimer.after(1.5, from: 1_000), 1_500_001_000)
        XCTAssertEqual(ConnectionTimer.after(-3, from: 1_000), 1_000)
        XCTAssertEqual(ConnectionTimer.after(1e12, from: 1_000), .max, "too long to represent means never")
        XCTAssertEqual(ConnectionTimer.after(.infinity, from: 1_000), .max)
        XCTAssertEqual(ConnectionTimer.after(1, from: .max - 10), .max)
    }
}
