// libFuzzer entry point for request JSON: the strict decoder (RequestJSON) and the article
// submission built on it. Besides crashes it checks that what the decoder accepts it reads
// back the same once written out again, and that every refusal is a client error.
import FuzzDriver
@testable import ArticleAPI
import HTTPServer

/// Writes a decoded value back as JSON text, escaping every string the way RFC 8259 allows.
private func write(_ value: RequestJSON, into out: inout String) {
    switch value {
    case .string(let s): writeString(s, into: &out)
    case .number(let n): out += n
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
        out += "["
        for (i, item) in items.enumerated() { if i > 0 { out += "," }; write(item, into: &out) }
        out += "]"
    case .object(let members):
        out += "{"
        for (i, m) in members.enumerated() {
            if i > 0 { out += "," }
            writeString(m.key, into: &out); out += ":"; write(m.value, into: &out)
        }
        out += "}"
    }
}

private func writeString(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    out += "\""
}

private func same(_ a: RequestJSON, _ b: RequestJSON) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    case (.number(let x), .number(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.object(let x), .object(let y)):
        return x.count == y.count && zip(x, y).allSatisfy {
            $0.key.unicodeScalars.elementsEqual($1.key.unicodeScalars) && same($0.value, $1.value)
        }
    default: return false
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The decoder is only ever given valid UTF-8 (ArticleSubmission checks first).
    if String(validating: bytes, as: UTF8.self) != nil, let value = try? RequestJSON.parse(bytes) {
        var text = ""
        write(value, into: &text)
        guard let again = try? RequestJSON.parse(Array(text.utf8)) else {
            preconditionFailure("accepted JSON, written back, was refused: \(text)")
        }
        precondition(same(value, again), "accepted JSON, written back, read differently: \(text)")
    }
    // The whole submission, as POST /v1/articles (all metadata) and /v1/extract (published_at) decode it.
    for metadata in [true, false] {
        let request = HTTPRequest(method: "POST", target: "/v1/articles",
                                  headers: HTTPHeaders([("Content-Type", "application/json")]), body: bytes)
        do {
            let submission = try ArticleSubmission.decode(request, metadata: metadata)
            precondition(submission.text.contains { !$0.isWhitespace }, "an empty text was accepted")
            if !metadata { precondition(submission.title == nil && submission.url == nil && submission.source == nil) }
        } catch let problem as APIProblem {
            precondition([400, 415, 422].contains(problem.status), "refused with \(problem.status): \(problem.detail)")
        } catch {
            preconditionFailure("an error that is not a problem: \(error)")
        }
    }
    return 0
}

@_cdecl("FuzzRequestJSON_main")
public func fuzzRequestJSONMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { data, size in fuzzRequestJSON(data, size) })
}
