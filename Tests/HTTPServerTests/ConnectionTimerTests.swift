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

    func testSweepIntervalFollowsTheShortestTimeout() {
        var configuration = HTTPServerConfiguration()
        XCTAssertEqual(ConnectionTimer.sweepInterval(configuration), 0.2, accuracy: 1e-9, "a tenth of the 2 s linger")
        configuration.headerTimeout = 0.2
        XCTAssertEqual(ConnectionTimer.sweepInterval(configuration), 0.02, accuracy: 1e-9)
        configuration.headerTimeout = 0.001
        XCTAssertEqual(ConnectionTimer.sweepInterval(configuration), 0.005, accuracy: 1e-9)
        configuration = HTTPServerConfiguration()
        configuration.lingerTimeout = 3600
        XCTAssertEqual(ConnectionTimer.sweepInterval(configuration), 0.25, accuracy: 1e-9)
    }
}
