import XCTest
@testable import HTTPServer

/// Deterministic fuzzing: mutated and random bytes must never crash the parser, and
/// how the bytes are split across reads must never change what it parses.
final class HTTPParserFuzzTests: XCTestCase {
    /// SplitMix64: small, fast, and the same sequence on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private let seeds: [[UInt8]] = [
        "GET /v1/figures?currency=EUR&min=5 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n",
        "POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
        "POST /v1/extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n3\r\nefg\r\n0\r\nT: v\r\n\r\n",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.1\r\nHost: y\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
        "\r\n\n\r\nGET /p HTTP/1.1\r\nHost: x\r\n\r\n\r\nGET /q HTTP/1.1\r\nHost: x\r\n\r\n",
    ].map { Array($0.utf8) }

    private let interesting: [[UInt8]] = [
        "\r\n", "\n", "\r", " ", "\t", ":", ";", "%", "%0", "0\r\n\r\n", "Content-Length: 5\r\n",
        "Transfer-Encoding: chunked\r\n", "HTTP/1.1", "\u{0}", "ffffffff", "\r\n\r\n", "?", "+", "#",
    ].map { Array($0.utf8) }

    private let fuzzLimits = HTTPParserLimits(maxBodyBytes: 64, maxHeaderBytes: 256, maxURIBytes: 64)

    func testMutatedRequestsNeverCrashAndSplittingNeverMatters() {
        var random = SeededGenerator(state: 0x5EED)
        var failures = 0, requests = 0
        for _ in 0..<3000 {
            var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(random.next() % 4)) { mutate(&bytes, using: &random) }
            let whole = parse(bytes, limits: fuzzLimits)
            var cuts: [Int] = []
            if !bytes.isEmpty {
                for _ in 0..<Int(random.next() % 6) { cuts.append(Int(random.next() % UInt64(bytes.count))) }
            }
            let pieces = parse(bytes, cuts: cuts.sorted(), limits: fuzzLimits)
            XCTAssertEqual(whole, pieces, "bytes \(bytes) cuts \(cuts)")
            for result in whole {
                if case .failure = result { failures += 1 }
                if case .request = result { requests += 1 }
            }
        }
        // The mutations must exercise both outcomes, or the test proves little.
        XCTAssertGreaterThan(failures, 300)
        XCTAssertGreaterThan(requests, 300)
    }

    func testRandomBytesNeverCrash() {
        var random = SeededGenerator(state: 42)
        for _ in 0..<2000 {
            let length = Int(random.next() % 300)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let whole = parse(bytes, limits: fuzzLimits)
            XCTAssertEqual(whole, parse(bytes, cuts: Array(stride(from: 1, to: length, by: 7)), limits: fuzzLimits))
        }
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout SeededGenerator) {
        let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
        switch random.next() % 6 {
        case 0 where !bytes.isEmpty:
            bytes[position] ^= UInt8(1 << (random.next() % 8))
        case 1 where !bytes.isEmpty:
            bytes.remove(at: position)
        case 2:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        case 3:
            bytes.insert(contentsOf: interesting[Int(random.next() % UInt64(interesting.count))], at: position)
        case 4 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int(random.next() % 16))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        default:
            bytes += seeds[Int(random.next() % UInt64(seeds.count))]
        }
    }
}
