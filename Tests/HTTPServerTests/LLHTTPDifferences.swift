/// Where we and llhttp decide a request of its test suite differently, and why.
struct LLHTTPDifference {
    enum Reason {
        /// HTTP/1.1 without Host: RFC 9112 §3.2 requires a 400. The test also replays the
        /// request with a Host added, and then we must agree with llhttp exactly.
        case missingHost
        /// We refuse what llhttp accepts, reading nothing more from the connection.
        case stricter
        /// llhttp reports an error for bytes we never read as a request.
        case ignoredAfterClose
        /// The request line never ends; llhttp refuses it before its end, we wait for the CRLF.
        case unfinishedLine
        /// A case llhttp's suite runs with its skipBody option, which the corpus does not record.
        case skippedBody

        var category: String {
            switch self {
            case .missingHost: return "differ: we refuse (missing Host), llhttp accepts"
            case .stricter: return "differ: we refuse, llhttp accepts"
            case .ignoredAfterClose, .unfinishedLine: return "differ: we accept, llhttp refuses"
            case .skippedBody: return "differ: we refuse (missing Host), llhttp accepts, skipBody"
            }
        }
    }

    let id: Int
    /// What we do with the corpus bytes.
    let ours: LLHTTPOutcome
    /// The status of our refusal, if we refuse.
    let status: Int?
    let reason: Reason
    let why: String
}

enum LLHTTPDifferences {
    static let all: [LLHTTPDifference] = missingHost + stricter + ignored + unfinished

    /// HTTP/1.1 requests of the suite that carry no Host field (the suite tests parsing, not
    /// RFC 9112 §3.2). With a Host added each must agree with llhttp exactly (checked), except
    /// #36, listed apart below.
    static let missingHost: [LLHTTPDifference] = """
    0 1 6 7 11 13 17 18 21 22 30 31 39 92 93 94 95 96 97 98 99 100 101 102 103 104 105 106 107 110 111 112 114 120 121 122 124 125 126 127 128 129 130 133 155 156 157 158 159 160 162 164
    """.split(separator: " ").map {
        LLHTTPDifference(id: Int($0)!, ours: .refused(0), status: 400, reason: .missingHost,
                         why: "HTTP/1.1 without Host: RFC 9112 §3.2 requires 400")
    } + [
        LLHTTPDifference(id: 36, ours: .refused(0), status: 400, reason: .skippedBody,
                         why: "No Host (400). With one we read the declared 123 body bytes, as RFC 9112 requires, so "
                            + "nothing completes; llhttp's suite runs this case with its skipBody option (the callback "
                            + "declares the message bodiless, as for a response to HEAD), which is how it counts 2. "
                            + "llhttp without that option frames it as we do."),
    ]

    /// Requests llhttp parses and we refuse outright; nothing after them is read, so no
    /// second parser can disagree with us about where a message ends.
    static let stricter: [LLHTTPDifference] = [
        LLHTTPDifference(id: 76, ours: .refused(0), status: 501, reason: .stricter,
                         why: "REPORT (WebDAV) is not a method this server implements: 501, RFC 9110 §9.1."),
        LLHTTPDifference(id: 77, ours: .refused(0), status: 405, reason: .stricter,
                         why: "CONNECT: this server is not a proxy, so 405 with Allow and close; llhttp hands the connection over as a tunnel (upgrade)."),
        LLHTTPDifference(id: 78, ours: .refused(0), status: 405, reason: .stricter,
                         why: "CONNECT in capitals: 405 with Allow, as #77."),
        LLHTTPDifference(id: 79, ours: .refused(0), status: 405, reason: .stricter,
                         why: "CONNECT with a body: 405 with Allow, as #77; nothing after the head is read."),
        LLHTTPDifference(id: 80, ours: .refused(0), status: 501, reason: .stricter,
                         why: "M-SEARCH (SSDP over HTTPU) is not an HTTP method this server implements: 501."),
        LLHTTPDifference(id: 82, ours: .refused(0), status: 501, reason: .stricter,
                         why: "PURGE is a cache-proxy extension, not implemented here: 501."),
        LLHTTPDifference(id: 83, ours: .refused(0), status: 501, reason: .stricter,
                         why: "SEARCH (WebDAV) is not implemented here: 501."),
        LLHTTPDifference(id: 84, ours: .refused(0), status: 501, reason: .stricter,
                         why: "LINK (RFC 2068, withdrawn) is not implemented here: 501."),
        LLHTTPDifference(id: 85, ours: .refused(0), status: 501, reason: .stricter,
                         why: "UNLINK (RFC 2068, withdrawn) is not implemented here: 501."),
        LLHTTPDifference(id: 86, ours: .refused(0), status: 501, reason: .stricter,
                         why: "SOURCE (Icecast) is not implemented here: 501."),
        LLHTTPDifference(id: 87, ours: .refused(0), status: 400, reason: .stricter,
                         why: "ICE/1.0 is Icecast's protocol, not HTTP/1.x: malformed version, 400."),
        LLHTTPDifference(id: 88, ours: .refused(0), status: 400, reason: .stricter,
                         why: "RTSP/1.0 is not HTTP/1.x: malformed version, 400."),
        LLHTTPDifference(id: 89, ours: .refused(0), status: 400, reason: .stricter,
                         why: "RTSP/1.0 is not HTTP/1.x: malformed version, 400 (syntax is checked before the method)."),
        LLHTTPDifference(id: 90, ours: .refused(0), status: 501, reason: .stricter,
                         why: "PRI * is the HTTP/2 connection preface; this is an HTTP/1.1 server, so the method is not implemented: 501. llhttp stops at it (upgrade) and reads no message either."),
        LLHTTPDifference(id: 91, ours: .refused(0), status: 501, reason: .stricter,
                         why: "QUERY (an httpbis draft) is not implemented here: 501."),
        LLHTTPDifference(id: 115, ours: .refused(0), status: 400, reason: .stricter,
                         why: "An HTTP/0.9-style request line without a version: HTTP/0.9 is not supported, 400."),
        LLHTTPDifference(id: 143, ours: .refused(0), status: 501, reason: .stricter,
                         why: "deflate before chunked: we cannot decode deflate, so 501 (RFC 9112 §6.1) instead of handing the application a body it cannot read."),
        LLHTTPDifference(id: 144, ours: .refused(0), status: 501, reason: .stricter,
                         why: "The same with the codings in two Transfer-Encoding fields: 501."),
        LLHTTPDifference(id: 163, ours: .refused(0), status: 405, reason: .stricter,
                         why: "CONNECT to a host with an underscore: 405 with Allow, as #77."),
    ]

    /// llhttp reports an error for bytes after a message that ends the connection; we
    /// answer that message and close without reading them.
    static let ignored: [LLHTTPDifference] = [
        LLHTTPDifference(id: 2, ours: .served(1), status: nil, reason: .ignoredAfterClose,
                         why: "After an HTTP/1.0 request without keep-alive we answer and close; the second request is never parsed. llhttp reports an error for data after a message that ends the connection. Same single message either way."),
        LLHTTPDifference(id: 8, ours: .served(1), status: nil, reason: .ignoredAfterClose,
                         why: "After `Connection: close` we answer the one request and close, ignoring what follows; llhttp reports the trailing bytes as an error. Same single message."),
        LLHTTPDifference(id: 9, ours: .served(1), status: nil, reason: .ignoredAfterClose,
                         why: "As #8, with a tab after `close`."),
    ]

    /// llhttp judges a line byte by byte; we judge it when its CRLF arrives. Here it never
    /// does, so the connection ends with nothing served (checked: with the CRLF we refuse).
    static let unfinished: [LLHTTPDifference] = [
        LLHTTPDifference(id: 60, ours: .served(0), status: nil, reason: .unfinishedLine,
                         why: "`GET / HTTP/5.6` with no CRLF: given its CRLF we answer 505."),
    ]
}
