import XCTest
@testable import ArticleStore

final class SHA256Tests: XCTestCase {
    // Vectors from FIPS 180-2 appendix B and the NIST example set.
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex("The quick brown fox jumps over the lazy dog"),
                       "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592")
    }

    func testMillionAs() {
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundary (55, 56, 64 bytes) take different padding paths.
    /// Expected values computed with Python's hashlib.
    func testPaddingBoundaries() {
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 55)),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 56)),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 64)),
                       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    /// The hash is over UTF-8 bytes: `€` is E2 82 AC.
    func testHashesUTF8Bytes() {
        XCTAssertEqual(SHA256.hex("€"), "c4cc90ed3d26f12d4b08a75140970a7904035c31cbb4515a83f19b9003c00d1d")
    }

    /// Every length from 0 to 129 bytes (whole blocks read in place, one or two padded tail
    /// blocks), through an array and through a non-contiguous collection: the digests of all
    /// 130 messages, concatenated, hash to what Python's hashlib gives for the same bytes.
    func testEveryLengthAcrossTwoBlocks() {
        var fromArrays: [UInt8] = [], fromLazy: [UInt8] = []
        for n in 0..<130 {
            let bytes = (0..<n).map { UInt8(($0 * 7 + 3) % 256) }
            fromArrays += SHA256.digest(bytes)
            fromLazy += SHA256.digest((0..<n).lazy.map { UInt8(($0 * 7 + 3) % 256) })
        }
        XCTAssertEqual(fromArrays, fromLazy)
        let hex = SHA256.digest(fromArrays).map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(hex, "7d4d3660f01e79b7c40e7cac2d420a7422833ecd3ee0d9de37f36d31bfc52cfe")
    }

    /// The SHA-extension blocks (where the processor has them) and the Swift rounds give the
    /// same digest for every length up to five blocks and for a long text; the vectors above
    /// run through whichever this machine uses.
    func testHardwareAndSwiftRoundsAgree() throws {
        try XCTSkipUnless(SHA256.hardware, "this processor has no SHA extensions: only the Swift rounds run")
        var bytes: [UInt8] = []
        for n in 0..<330 {
            bytes.withUnsafeBytes { raw in
                XCTAssertEqual(SHA256.digest(raw, hardware: true), SHA256.digest(raw, hardware: false), "length \(n)")
            }
            bytes.append(UInt8((n * 131 + 17) % 256))
        }
        let long = Array(String(repeating: "Stoltenberg says €276 million. ", count: 2000).utf8)
        long.withUnsafeBytes { raw in XCTAssertEqual(SHA256.digest(raw, hardware: true), SHA256.digest(raw, hardware: false)) }
    }
}
