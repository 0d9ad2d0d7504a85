// libFuzzer entry point for the HTTP/1.1 request parser (HTTPRequestParser, and through it
// HTTPHeadReader and HTTPChunkSizeLine). Besides crashes and sanitizer reports it checks
// the parser's promise that how the bytes are split across reads never changes the outcome.
import FuzzDriver
@testable import HTTPServer

/// Small limits reach the 413/414/431 paths with short inputs; the service's own reach the rest.
private let limitSets = [
    HTTPParserLimits(maxBodyBytes: 64, maxHeaderBytes: 256, maxURIBytes: 64, maxHeaderCount: 8),
    HTTPParserLimits(maxBodyBytes: 1_048_576, maxHeaderBytes: 16_384, maxURIBytes: 8_192),
]

private enum Outcome: Equatable {
    case request(String, String, [String], [UInt8], Bool, Int)
    case failure(Int, String)
}

/// Feeds `bytes` in pieces of `step` bytes (0: all at once), draining after each piece.
private func outcomes(_ bytes: [UInt8], step: Int, limits: HTTPParserLimits) -> [Outcome] {
    var parser = HTTPRequestParser(limits: limits)
    var result: [Outcome] = []
    var start = 0
    repeat {
        let end = step == 0 ? bytes.count : min(bytes.count, start + step)
        parser.append(Array(bytes[start..<end]))
        start = end
        drain: while true {
            switch parser.next() {
            case .needMore: break drain
            case .failure(let error):
                // A refusal must be an error status, and the parser must stay failed.
                precondition((400...599).contains(error.status), "refused with status \(error.status)")
                guard case .failure = parser.next() else { preconditionFailure("the parser recovered from a failure") }
                return result + [.failure(error.status, error.detail)]
            case .request(let parsed):
                let r = parsed.request
                precondition(r.body.count <= limits.maxBodyBytes, "a body over the limit was accepted")
                result.append(.request(r.method, r.target, r.headers.map { "\($0.name): \($0.value)" },
                                       r.body, parsed.keepAlive, parsed.minorVersion))
            }
        }
    } while start < bytes.count
    return result
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    for limits in limitSets {
        let whole = outcomes(bytes, step: 0, limits: limits)
        // A split derived from the input itself, so a crash reproduces from the file alone.
        let step = 1 + Int(bytes.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % 13)
        let pieces = outcomes(bytes, step: step, limits: limits)
        precondition(whole == pieces, "splitting into \(step)-byte reads changed the outcome")
    }
    // Chunk-size lines straight, as a line of the input would reach them.
    for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(16) {
        let content = line.last == 0x0D ? line.dropLast() : line
        if case .success(let size) = HTTPChunkSizeLine.parse(content) { precondition(size >= 0) }
    }
    return 0
}

@_cdecl("FuzzHTTPParser_main")
public func fuzzHTTPParserMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, { data, size in fuzzHTTPParser(data, size) })
}
