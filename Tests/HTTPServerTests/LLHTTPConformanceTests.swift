import Foundation
import XCTest
@testable import HTTPServer

/// Replays the requests of llhttp's own test suite (Node's HTTP parser) over a live socket
/// and compares what we do with what llhttp decides. Every difference must be listed, with
/// its reason, in `LLHTTPDifferences.swift`; the test fails when an unlisted difference
/// appears or a listed one disappears. Cases that only pass in llhttp's lenient modes are
/// not compared.
final class LLHTTPConformanceTests: LiveServerTestCase {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/http/llhttp-requests.jsonl")

    struct Case: Decodable {
        struct Verdict: Decodable {
            struct Failure: Decodable { let code: Int; let reason: String }
            let error: Failure?
            let messages_complete: Int
        }
        let id: Int
        let name: String
        let lenient_only: Bool
        let request_hex: String
        let llhttp: Verdict

        var bytes: [UInt8] {
            let hex = Array(request_hex.utf8)
            return stride(from: 0, to: hex.count - 1, by: 2).map {
                UInt8(HTTPRequestTarget.hexValue(hex[$0])! << 4 | HTTPRequestTarget.hexValue(hex[$0 + 1])!)
            }
        }

        /// What llhttp does, in our terms.
        var expected: LLHTTPOutcome {
            llhttp.error == nil ? .served(llhttp.messages_complete) : .refused(llhttp.messages_complete)
        }
    }

    func testOurVerdictsMatchLLHTTPOrAreListedDifferences() throws {
        guard let data = FileManager.default.contents(atPath: Self.corpus.path) else {
            throw XCTSkip("\(Self.corpus.path) is absent: the llhttp comparison needs ../shared/data/http/llhttp-requests.jsonl")
        }
        let cases = try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Case.self, from: Data($0)) }
        XCTAssertEqual(cases.count, 166)
        try startServer {
            $0.maxHeaderBytes = 16_384
            $0.maxBodyBytes = 1 << 20
        }
        let listed = Dictionary(uniqueKeysWithValues: LLHTTPDifferences.all.map { ($0.id, $0) })
        var unexplained: [String] = []
        var tally: [String: [Int]] = [:]
        for entry in cases where !entry.lenient_only {
            let (ours, refusal) = try replay(entry.bytes)
            let expected = entry.expected
            let answer = refusal.map { " (\($0.status) \($0.text))" } ?? ""
            if let difference = listed[entry.id] {
                if ours != difference.ours || refusal?.status != difference.status {
                    unexplained.append("#\(entry.id) \(entry.name): listed as \(difference.ours) \(difference.status.map(String.init) ?? ""), "
                                       + "we now give \(ours)\(answer) (llhttp \(expected))")
                }
                if ours == expected {
                    unexplained.append("#\(entry.id) \(entry.name): listed, but we now agree with llhttp (\(ours))")
                }
                // A missing Host is our only objection: with one added we must agree exactly.
                if difference.reason == .missingHost {
                    let withHost = try replay(Self.addingHost(to: entry.bytes)).outcome
                    if withHost != expected {
                        unexplained.append("#\(entry.id) \(entry.name): with a Host header we give \(withHost), llhttp \(expected)")
                    }
                }
                // Never a framing difference: where we serve, we serve what llhttp does.
                if case .served(let n) = difference.ours, n != entry.llhttp.messages_complete {
                    unexplained.append("#\(entry.id) \(entry.name): a framing difference (\(n) messages, llhttp \(entry.llhttp.messages_complete))")
                }
                if difference.reason == .skippedBody {
                    let withHost = try replay(Self.addingHost(to: entry.bytes)).outcome
                    if withHost != .served(0) {
                        unexplained.append("#\(entry.id) \(entry.name): with a Host header we give \(withHost), not 0 served waiting for the body")
                    }
                }
                if difference.reason == .unfinishedLine {
                    let finished = try replay(entry.bytes + Array("\r\n".utf8)).outcome
                    if !finished.isRefusal {
                        unexplained.append("#\(entry.id) \(entry.name): not refused even once its line ends (\(finished))")
                    }
                }
                tally[difference.reason.category, default: []].append(entry.id)
            } else if ours != expected {
                unexplained.append("#\(entry.id) \(entry.name): we give \(ours)\(answer), llhttp \(expected)")
            } else {
                // Refusing for a missing Host could hide how we would frame the rest: check that too.
                if let refusal, refusal.text.contains("missing Host header") {
                    let withHost = try replay(Self.addingHost(to: entry.bytes)).outcome
                    if withHost != expected {
                        unexplained.append("#\(entry.id) \(entry.name): with a Host header we give \(withHost), llhttp \(expected)")
                    }
                }
                tally[ours.isRefusal ? "agree: both refuse" : "agree: both accept", default: []].append(entry.id)
            }
        }
        XCTAssertEqual(unexplained, [], "differences from llhttp not listed in LLHTTPDifferences.swift")
        for id in listed.keys where !cases.contains(where: { $0.id == id && !$0.lenient_only }) {
            XCTFail("LLHTTPDifferences lists #\(id), which is not a strict case of the corpus")
        }
        for (category, ids) in tally.sorted(by: { $0.key < $1.key }) {
            print("llhttp comparison: \(category): \(ids.count) \(ids)")
        }
    }

    /// Sends the bytes, half-closes as llhttp's test runner ends its input, and reads
    /// every response until the server closes.
    private func replay(_ bytes: [UInt8]) throws -> (outcome: LLHTTPOutcome, refusal: WireResponse?) {
        let client = try client()
        client.send(bytes)
        client.finishSending()
        var served = 0
        let isHead = bytes.starts(with: Array("HEAD ".utf8))
        while let response = client.readResponse(bodyless: isHead) {
            if response.status != 200 { return (.refused(served), response) }  // the echo responder only answers 200
            served += 1
        }
        return (.served(served), nil)
    }

    /// The request with `Host: llhttp.test` after each HTTP/1.1 request line.
    static func addingHost(to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            let line = bytes[lineStart...index]
            out += line
            let text = String(decoding: line, as: UTF8.self)
            if text.hasSuffix(" HTTP/1.1\r\n"), let first = text.first, first.isUppercase, text.split(separator: " ").count == 3 {
                out += Array("Host: llhttp.test\r\n".utf8)
            }
            lineStart = index + 1
        }
        return out + bytes[lineStart...]
    }
}

/// What a replay produced: how many requests reached the responder, and whether the
/// server (or llhttp) then refused the rest with an error.
enum LLHTTPOutcome: Equatable, CustomStringConvertible {
    case served(Int)
    case refused(Int)

    var isRefusal: Bool { if case .refused = self { return true } else { return false } }

    var description: String {
        switch self {
        case .served(let n): return "\(n) served, no error"
        case .refused(let n): return "\(n) served, then refused"
        }
    }
}
