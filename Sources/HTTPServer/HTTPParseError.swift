/// Why bytes could not be read as a request, as the status and problem detail to answer with.
struct HTTPParseError: Error, Equatable, Sendable {
    let status: Int
    let detail: String

    static func badRequest(_ detail: String) -> HTTPParseError { HTTPParseError(status: 400, detail: detail) }
}

/// The limits the parser enforces while reading.
struct HTTPParserLimits: Sendable {
    var maxBodyBytes: Int
    var maxHeaderBytes: Int
    var maxURIBytes: Int
    var maxHeaderCount: Int = 128
}
