@testable import HTTPServer

/// What feeding bytes to a parser produced, in a form tests can compare exactly.
enum ParseOutcome: Equatable {
    case request(method: String, path: String, query: [String], headers: [String], body: String, keepAlive: Bool)
    case failure(status: Int, detail: String)
    case needMore
}

let smallLimits = HTTPParserLimits(maxBodyBytes: 1000, maxHeaderBytes: 512, maxURIBytes: 100)

func outcome(_ parsed: ParsedHTTPRequest) -> ParseOutcome {
    let request = parsed.request
    return .request(method: request.method, path: request.path,
                    query: request.queryItems.map { "\($0.name)=\($0.value)" },
                    headers: request.headers.map { "\($0.name): \($0.value)" },
                    body: String(decoding: request.body, as: UTF8.self), keepAlive: parsed.keepAlive)
}

/// Drains the parser: every complete request, then the final needMore or failure.
func drain(_ parser: inout HTTPRequestParser) -> [ParseOutcome] {
    var outcomes: [ParseOutcome] = []
    while true {
        switch parser.next() {
        case .request(let parsed): outcomes.append(outcome(parsed))
        case .failure(let error):
            outcomes.append(.failure(status: error.status, detail: error.detail))
            return outcomes
        case .needMore:
            outcomes.append(.needMore)
            return outcomes
        }
    }
}

/// Feeds `bytes` in pieces cut at `cuts`, draining after each piece; returns the outcomes
/// without the intermediate needMores.
func parse(_ bytes: [UInt8], cuts: [Int] = [], limits: HTTPParserLimits = smallLimits) -> [ParseOutcome] {
    var parser = HTTPRequestParser(limits: limits)
    var outcomes: [ParseOutcome] = []
    var start = 0
    for cut in cuts + [bytes.count] where cut >= start {
        parser.append(Array(bytes[start..<cut]))
        start = cut
        let drained = drain(&parser)
        outcomes += drained.dropLast()
        if case .failure = drained.last! { return outcomes + [drained.last!] }
    }
    return outcomes + [.needMore]
}

func parse(_ text: String, cuts: [Int] = [], limits: HTTPParserLimits = smallLimits) -> [ParseOutcome] {
    parse(Array(text.utf8), cuts: cuts, limits: limits)
}
