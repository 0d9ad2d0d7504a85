import XCTest
@testable import ArticleAPI

/// The byte-level fast path for local `Host` values agrees with the general reading, and
/// leaves everything else to it.
final class HostNamesTests: XCTestCase {
    func testPlainLoopbackIsExactlyLocalhostOrTheLoopbackAddressWithAnOptionalPort() {
        for host in ["localhost", "127.0.0.1", "localhost:8080", "127.0.0.1:1", "127.0.0.1:65535"] {
            XCTAssertTrue(HostNames.isPlainLoopback(host), host)
            XCTAssertTrue(HostNames.isLoopback(host), host)
        }
        for host in ["localhost:", "localhost:80a", "localhost:123456", "localhost.evil.com", "127.0.0.10", "127.0.0.1.nip.io",
                     "LOCALHOST", "[::1]:80", "127.0.0.2", "evil.com:127.0.0.1", ""] {
            XCTAssertFalse(HostNames.isPlainLoopback(host), host)
        }
        // Left to the general reading, which still accepts these.
        for host in ["LOCALHOST", "[::1]:80", "127.0.0.2", "localhost."] { XCTAssertTrue(HostNames.isLoopback(host), host) }
        XCTAssertFalse(HostNames.isLoopback("localhost.evil.com"))
    }
}
